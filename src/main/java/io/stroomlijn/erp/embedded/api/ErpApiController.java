package io.stroomlijn.erp.embedded.api;

import io.stroomlijn.erp.ApprovalRequest;
import io.stroomlijn.erp.ErpApprovals;
import io.stroomlijn.erp.ErpPermissionException;
import io.stroomlijn.erp.ErpPermissions;
import io.stroomlijn.erp.ErpPermissions.Access;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.RecordPage;
import io.stroomlijn.erp.RecordQuery;
import io.stroomlijn.erp.embedded.ConditionalOnEmbeddedErp;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import io.stroomlijn.erp.embedded.schema.EntitySetDefinition;
import io.stroomlijn.erp.embedded.schema.EntitySets;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The embedded ERP's Business Central compatible API under {@code /api/v2.0}: companies, entity
 * sets, single records, document lines nested in their document, and bound actions.
 */
@ConditionalOnEmbeddedErp
@RestController
@RequestMapping(ErpApiController.BASE)
class ErpApiController {

  static final String BASE = "/api/v2.0";
  private static final String COUNT_SEGMENT = "/$count";

  private final EmbeddedErp erp;
  private final ErpApprovals approvals;
  private final ErpPermissions permissions;
  private final RequestBodyReader bodies;
  private final ODataResponses responses;

  ErpApiController(
      EmbeddedErp erp,
      ErpApprovals approvals,
      ErpPermissions permissions,
      RequestBodyReader bodies,
      ODataResponses responses) {
    this.erp = erp;
    this.approvals = approvals;
    this.permissions = permissions;
    this.bodies = bodies;
    this.responses = responses;
  }

  @GetMapping("/**")
  ResponseEntity<?> get(HttpServletRequest request) {
    String rest = relativePath(request);
    if (rest.endsWith(COUNT_SEGMENT)) {
      return count(
          request, ODataPath.parse(rest.substring(0, rest.length() - COUNT_SEGMENT.length())));
    }
    ODataPath path = ODataPath.parse(rest);
    ODataRequest options = ODataRequest.of(request);
    if (path.companyId() == null && path.isCollection()) {
      RecordPage all = erp.find(null, path.entitySet(), options.query());
      return responses.collection(request, path, path.entitySet(), readable(request, all), options);
    }
    permissions.require(user(request), companyOf(path), Access.READ);
    if (path.isCollection()) {
      RecordPage page;
      String entitySet;
      if (path.childSet() != null) {
        requireLinesOf(path);
        entitySet = path.childSet();
        page = erp.findLines(path.companyId(), entitySet, path.id(), options.query());
      } else {
        entitySet = path.entitySet();
        page = erp.find(path.companyId(), entitySet, options.query());
      }
      return responses.collection(request, path, entitySet, page, options);
    }
    Record record = path.companyId() == null ? company(path.id(), options) : single(path, options);
    return responses.entity(request, path, record, HttpStatus.OK);
  }

  /**
   * {@code /{entitySet}/$count}: the number of records matching {@code $filter}, as plain text;
   * {@code $top} and {@code $skip} do not change it (OData's rule).
   */
  private ResponseEntity<String> count(HttpServletRequest request, ODataPath path) {
    if (!path.isCollection() || path.action() != null) {
      throw new RecordNotFoundException(
          "Resource not found for the segment '$count': it follows a collection only.");
    }
    ODataRequest options = ODataRequest.of(request);
    RecordQuery counting =
        new RecordQuery(options.query().filter(), List.of(), null, 0, null, List.of(), true, null);
    long count;
    if (path.companyId() == null) {
      count = readableCount(request, options.query().filter());
    } else {
      permissions.require(user(request), path.companyId(), Access.READ);
      RecordPage page;
      if (path.childSet() != null) {
        requireLinesOf(path);
        page = erp.findLines(path.companyId(), path.childSet(), path.id(), counting);
      } else {
        page = erp.find(path.companyId(), path.entitySet(), counting);
      }
      count = page.totalCount();
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(Long.toString(count));
  }

  /** How many companies matching the filter the caller may read. */
  private long readableCount(HttpServletRequest request, String filter) {
    long count = 0;
    Integer skip = 0;
    while (skip != null) {
      RecordQuery next =
          new RecordQuery(filter, List.of("id"), null, null, skip, List.of(), false, null);
      RecordPage page = erp.find(null, EntitySets.COMPANIES, next);
      count += readable(request, page).records().size();
      skip = page.nextSkip();
    }
    return count;
  }

  @PostMapping("/**")
  ResponseEntity<Map<String, Object>> post(HttpServletRequest request) throws IOException {
    ODataPath path = path(request);
    permissions.require(user(request), companyOf(path), Access.EDIT);
    if (EntitySets.CANCEL_APPROVAL_REQUEST.equals(actionName(path))) {
      requireRequesterOrAdministrator(request, path);
    }
    if (path.action() != null) {
      erp.runAction(path.companyId(), path.entitySet(), path.id(), path.action(), user(request));
      return ResponseEntity.noContent().build();
    }
    if (!path.isCollection()) {
      throw methodNotAllowed("POST", "a single record; POST to its collection instead");
    }
    Map<String, Object> fields = bodies.readObject(request);
    String entitySet = path.entitySet();
    if (path.childSet() != null) {
      requireLinesOf(path);
      entitySet = path.childSet();
      Object documentId = fields.get("documentId");
      if (documentId != null && !path.id().toString().equalsIgnoreCase(documentId.toString())) {
        throw new InvalidRequestException(
            "documentId", "'documentId' differs from the document in the URL.");
      }
      fields.put("documentId", path.id().toString());
    }
    Record created = erp.create(path.companyId(), entitySet, fields, user(request));
    return responses.entity(request, path, created, HttpStatus.CREATED);
  }

  @PatchMapping("/**")
  ResponseEntity<Map<String, Object>> patch(HttpServletRequest request) throws IOException {
    ODataPath path = path(request);
    permissions.require(user(request), companyOf(path), Access.EDIT);
    RecordTarget target = target(path, "PATCH");
    String etag = ifMatch(request);
    Map<String, Object> changes = bodies.readObject(request);
    Record changed =
        erp.update(path.companyId(), target.entitySet(), target.id(), changes, etag, user(request));
    return responses.entity(request, path, changed, HttpStatus.OK);
  }

  @DeleteMapping("/**")
  ResponseEntity<Void> delete(HttpServletRequest request) {
    ODataPath path = path(request);
    permissions.require(user(request), companyOf(path), Access.EDIT);
    RecordTarget target = target(path, "DELETE");
    String etag = ifMatch(request);
    erp.delete(path.companyId(), target.entitySet(), target.id(), etag, user(request));
    return ResponseEntity.noContent().build();
  }

  /** Business Central changes records with PATCH; say so instead of a bare 405. */
  @PutMapping("/**")
  ResponseEntity<Void> put() {
    throw methodNotAllowed("PUT", "the ERP API; change a record with PATCH");
  }

  /** The company a request is about: the one in the path, or the company record it reads. */
  private static UUID companyOf(ODataPath path) {
    return path.companyId() != null ? path.companyId() : path.id();
  }

  /** The companies of a page the caller may read; the count then counts those only. */
  private RecordPage readable(HttpServletRequest request, RecordPage companies) {
    List<Record> readable =
        companies.records().stream()
            .filter(
                company ->
                    permissions.allows(
                        user(request), UUID.fromString(company.get("id").toString()), Access.READ))
            .toList();
    if (readable.size() == companies.records().size()) {
      return companies;
    }
    Long count =
        companies.totalCount() == null
            ? null
            : companies.totalCount() - (companies.records().size() - readable.size());
    return new RecordPage(readable, count, companies.nextSkip());
  }

  /**
   * Only whoever sent an approval request, or an administrator, takes it back through the API (a
   * flow's own actions run as the system and are not asked).
   */
  private void requireRequesterOrAdministrator(HttpServletRequest request, ODataPath path) {
    String caller = user(request);
    approvals
        .request(path.companyId(), path.entitySet(), path.id())
        .filter(ApprovalRequest::pending)
        .filter(pending -> !caller.equals(pending.requestedBy()))
        .filter(pending -> !permissions.isAdministrator(caller))
        .ifPresent(
            pending -> {
              throw new ErpPermissionException(
                  "Only "
                      + pending.requestedBy()
                      + ", who sent this approval request, or an administrator may cancel it.");
            });
  }

  private static String actionName(ODataPath path) {
    String action = path.action();
    if (action == null) {
      return null;
    }
    return action.startsWith("Microsoft.NAV.")
        ? action.substring("Microsoft.NAV.".length())
        : action;
  }

  private Record company(UUID id, ODataRequest options) {
    return erp.get(null, "companies", id, options.query());
  }

  private Record single(ODataPath path, ODataRequest options) {
    if (path.childSet() == null) {
      return erp.get(path.companyId(), path.entitySet(), path.id(), options.query());
    }
    requireLinesOf(path);
    Record line = erp.get(path.companyId(), path.childSet(), path.childId(), options.query());
    requireLineOfDocument(path, line);
    return line;
  }

  /** The record a PATCH or DELETE addresses; a line must belong to the document in the path. */
  private RecordTarget target(ODataPath path, String method) {
    if (path.action() != null || path.isCollection()) {
      throw methodNotAllowed(method, path.action() != null ? "an action" : "a collection");
    }
    if (path.companyId() == null) {
      throw methodNotAllowed(method, "companies, which are read-only");
    }
    if (path.childSet() == null) {
      return new RecordTarget(path.entitySet(), path.id());
    }
    requireLinesOf(path);
    requireLineOfDocument(path, erp.get(path.companyId(), path.childSet(), path.childId()));
    return new RecordTarget(path.childSet(), path.childId());
  }

  private record RecordTarget(String entitySet, UUID id) {}

  /** For {@code document(id)/lines}: the lines set is the document's, and the document exists. */
  private void requireLinesOf(ODataPath path) {
    EntitySetDefinition document = erp.definition(path.entitySet());
    boolean linesOfDocument =
        document.document().map(spec -> spec.linesSet().equals(path.childSet())).orElse(false);
    if (!linesOfDocument) {
      throw new RecordNotFoundException(
          "Resource not found for the segment '" + path.childSet() + "'.");
    }
    erp.get(path.companyId(), path.entitySet(), path.id());
  }

  private static void requireLineOfDocument(ODataPath path, Record line) {
    if (!path.id().equals(line.get("documentId"))) {
      throw new RecordNotFoundException(
          "The line " + path.childId() + " does not belong to the document " + path.id() + ".");
    }
  }

  private static ODataPath path(HttpServletRequest request) {
    return ODataPath.parse(relativePath(request));
  }

  /** The decoded path after {@code /api/v2.0/}. */
  private static String relativePath(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    String rest = uri.length() > BASE.length() ? uri.substring(BASE.length() + 1) : "";
    return UriUtils.decode(rest, StandardCharsets.UTF_8);
  }

  private static String ifMatch(HttpServletRequest request) {
    String etag = request.getHeader(HttpHeaders.IF_MATCH);
    if (etag == null || etag.isBlank()) {
      throw new ErpApiException(
          HttpStatus.PRECONDITION_REQUIRED,
          "Request_IfMatchRequired",
          HttpHeaders.IF_MATCH,
          "Send the If-Match header with the record's @odata.etag (or * to overwrite any"
              + " version).");
    }
    return etag;
  }

  private static String user(HttpServletRequest request) {
    return request.getRemoteUser();
  }

  private static ErpApiException methodNotAllowed(String method, String what) {
    return new ErpApiException(
        HttpStatus.METHOD_NOT_ALLOWED,
        "BadRequest_MethodNotAllowed",
        null,
        method + " is not allowed on " + what + ".");
  }
}
