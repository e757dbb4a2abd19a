package io.stroomlijn.erp.embedded.api;

import io.stroomlijn.erp.embedded.ConditionalOnEmbeddedErp;
import io.stroomlijn.erp.embedded.odata.ServiceMetadata;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * What OData tools read before anything else: the service document ({@code GET /api/v2.0/}) and the
 * {@code $metadata}. Explicit paths only: everything else under {@code /api/v2.0} belongs to {@link
 * ErpApiController} and to the other resources (webhook subscriptions).
 */
@ConditionalOnEmbeddedErp
@RestController
@RequestMapping(ErpApiController.BASE)
class ErpServiceController {

  private final ServiceMetadata metadata;

  ErpServiceController(ServiceMetadata metadata) {
    this.metadata = metadata;
  }

  /** The entity sets, as an OData JSON service document. */
  @GetMapping({"", "/"})
  ResponseEntity<Map<String, Object>> serviceDocument(HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", ODataResponses.serviceRoot(request) + "/$metadata");
    body.put("value", metadata.entitySets());
    return ResponseEntity.ok().contentType(ODataHeaders.JSON).body(body);
  }

  /** The service document and the metadata are read-only. */
  @RequestMapping(
      path = {"", "/", "/$metadata"},
      method = {RequestMethod.POST, RequestMethod.PATCH, RequestMethod.PUT, RequestMethod.DELETE})
  ResponseEntity<Void> readOnly(HttpServletRequest request) {
    throw new ErpApiException(
        HttpStatus.METHOD_NOT_ALLOWED,
        "BadRequest_MethodNotAllowed",
        null,
        request.getMethod() + " is not allowed on the service document or $metadata; GET them.");
  }

  /** The CSDL XML, whatever the client accepts (as Business Central answers it). */
  @GetMapping("/$metadata")
  ResponseEntity<String> metadata() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(metadata.csdl());
  }
}
