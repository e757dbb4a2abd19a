package io.stroomlijn.erp.embedded.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.embedded.EmbeddedErp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Runs the requests of a {@code $batch} in order, each through the same handling as a direct
 * request (Spring MVC's dispatcher, the ERP API controller, its permission checks and error
 * format), as the batch's user.
 *
 * <p>Transactions: with {@code Isolation: snapshot} the whole batch is one transaction, and the
 * first failure rolls it all back (the requests after it are not run). Without it each request
 * commits on its own, except the requests of one change set (multipart) or atomicity group (JSON),
 * which commit together or not at all. Record events are the net changes of each committed
 * transaction, as for direct requests.
 *
 * <p>{@code dependsOn}: a request whose dependency failed is not run (424). A URL may start with
 * {@code $<id>} of an earlier request that created a record; it stands for that record's URL.
 */
@Component
class BatchRunner {

  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

  private final ObjectProvider<DispatcherServlet> dispatcher;
  private final TransactionTemplate transaction;
  private final EmbeddedErp erp;
  private final ObjectMapper json;

  BatchRunner(
      ObjectProvider<DispatcherServlet> dispatcher,
      TransactionTemplate transaction,
      EmbeddedErp erp,
      ObjectMapper json) {
    this.dispatcher = dispatcher;
    this.transaction = new TransactionTemplate(transaction.getTransactionManager());
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    this.erp = erp;
    this.json = json;
  }

  List<BatchResponse> run(
      HttpServletRequest batch,
      HttpServletResponse batchResponse,
      List<BatchRequest> requests,
      boolean snapshot) {
    Run run = new Run(batch, batchResponse);
    if (snapshot) {
      transaction.executeWithoutResult(
          status -> {
            run.all(requests, true);
            if (run.failed) {
              status.setRollbackOnly();
            }
          });
    } else {
      run.all(requests, false);
    }
    return run.responses;
  }

  /** One batch's progress: the answers so far, by position and by id. */
  private final class Run {
    private final HttpServletRequest batch;
    private final HttpServletResponse batchResponse;
    private final List<BatchResponse> responses = new ArrayList<>();
    private final Map<String, BatchResponse> byId = new HashMap<>();
    private boolean failed;

    Run(HttpServletRequest batch, HttpServletResponse batchResponse) {
      this.batch = batch;
      this.batchResponse = batchResponse;
    }

    void all(List<BatchRequest> requests, boolean snapshot) {
      int i = 0;
      while (i < requests.size()) {
        BatchRequest first = requests.get(i);
        int end = i + 1;
        while (first.group() != null
            && end < requests.size()
            && first.group().equals(requests.get(end).group())) {
          end++;
        }
        List<BatchRequest> unit = requests.subList(i, end);
        if (snapshot && failed) {
          unit.forEach(request -> answer(notRun(request, "an earlier request failed")));
        } else if (first.group() != null && !snapshot) {
          transaction.executeWithoutResult(
              status -> {
                if (!group(unit)) {
                  status.setRollbackOnly();
                }
              });
        } else if (first.group() != null) {
          failed |= !group(unit);
        } else {
          BatchResponse response = one(first);
          answer(response);
          failed |= !response.succeeded();
        }
        i = end;
      }
    }

    /** The requests of a change set until the first failure; whether all succeeded. */
    private boolean group(List<BatchRequest> unit) {
      boolean ok = true;
      for (BatchRequest request : unit) {
        if (!ok) {
          answer(notRun(request, "an earlier request of its change set failed"));
          continue;
        }
        BatchResponse response = one(request);
        answer(response);
        ok = response.succeeded();
      }
      return ok;
    }

    private void answer(BatchResponse response) {
      responses.add(response);
      if (response.request().id() != null) {
        byId.put(response.request().id(), response);
      }
    }

    private BatchResponse one(BatchRequest request) {
      for (String dependency : request.dependsOn()) {
        if (!byId.get(dependency).succeeded()) {
          return notRun(request, "the request '" + dependency + "' it depends on failed");
        }
      }
      Target target;
      try {
        target = target(request);
      } catch (ErpApiException refused) {
        return error(
            request,
            refused.status().value(),
            refused.code(),
            refused.target(),
            refused.getMessage());
      }
      if (target.failedReference() != null) {
        return notRun(
            request, "the request '" + target.failedReference() + "' it refers to failed");
      }
      return dispatch(request, target);
    }

    /** Sends the request through Spring MVC as if it came on its own. */
    private BatchResponse dispatch(BatchRequest request, Target target) {
      Map<String, String> headers = new LinkedHashMap<>(request.headers());
      InnerRequest inner;
      try {
        inner =
            new InnerRequest(
                batch, request.method(), target.path(), target.query(), headers, request.body());
      } catch (IllegalArgumentException malformed) {
        return error(
            request,
            400,
            "BadRequest_InvalidUrl",
            "url",
            "The URL '" + request.url() + "' is not valid: " + malformed.getMessage());
      }
      BufferedResponse response = new BufferedResponse(batchResponse);
      try {
        dispatcher.getObject().service(inner, response);
      } catch (Exception e) {
        log.error("A $batch request failed", e);
        return error(
            request,
            500,
            "Internal_ServerError",
            null,
            "The request failed on the server; the server log has the details.");
      }
      byte[] body = response.body();
      if (response.getStatus() >= 400 && body.length == 0) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        return error(
            request,
            response.getStatus(),
            "BadRequest",
            null,
            status == null ? "The request failed." : status.getReasonPhrase() + ".");
      }
      Map<String, String> answerHeaders = new LinkedHashMap<>();
      response
          .headers()
          .forEach(
              (name, values) -> {
                if (!values.isEmpty()) {
                  answerHeaders.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
                }
              });
      answerHeaders.put("odata-version", ODataHeaders.VERSION);
      return new BatchResponse(request, response.getStatus(), answerHeaders, body);
    }

    /**
     * The path and query a request's URL addresses under the service root: {@code
     * companies(...)/customers}, {@code /api/v2.0/companies(...)/customers} or the full URL; {@code
     * $<id>/...} for the record an earlier request created; a URL without a company takes the
     * company named in the {@code Company} header, as Business Central allows.
     */
    private Target target(BatchRequest request) {
      String url = request.url();
      if (url.startsWith("$")) {
        int slash = url.indexOf('/');
        String id = url.substring(1, slash < 0 ? url.length() : slash);
        BatchResponse earlier = byId.get(id);
        if (earlier == null
            || (!request.dependsOn().isEmpty() && !request.dependsOn().contains(id))) {
          throw invalidUrl(
              request, "'$" + id + "' is not the id of an earlier request it depends on.");
        }
        if (!earlier.succeeded()) {
          return new Target(null, null, id);
        }
        String location = earlier.headers().get("location");
        if (location == null) {
          throw invalidUrl(request, "the request '" + id + "' created no record to refer to.");
        }
        url = location + (slash < 0 ? "" : url.substring(slash));
      }
      String root = batch.getContextPath() + ErpApiController.BASE + "/";
      String pathAndQuery;
      if (url.startsWith("http://") || url.startsWith("https://")) {
        try {
          URI uri = new URI(url.replace(" ", "%20"));
          pathAndQuery =
              uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
          throw invalidUrl(request, e.getMessage());
        }
      } else if (url.startsWith("/")) {
        pathAndQuery = url;
      } else {
        pathAndQuery = root + url;
      }
      if (!pathAndQuery.startsWith(root)) {
        throw invalidUrl(request, "a $batch holds requests to " + root + " only.");
      }
      String relative = pathAndQuery.substring(root.length());
      int question = relative.indexOf('?');
      String path = question < 0 ? relative : relative.substring(0, question);
      String query = question < 0 ? null : relative.substring(question + 1);
      if (path.startsWith("$batch")) {
        throw invalidUrl(request, "a $batch cannot hold another $batch.");
      }
      String company = request.header("Company");
      if (company != null
          && !path.isEmpty()
          && !path.startsWith("companies")
          && !path.startsWith("$")) {
        path = "companies(" + companyId(request, company) + ")/" + path;
      }
      return new Target(ErpApiController.BASE + "/" + path, query, null);
    }

    private UUID companyId(BatchRequest request, String company) {
      Optional<UUID> byName =
          erp.companies().stream()
              .filter(
                  existing ->
                      company.equals(existing.getString("name"))
                          || company.equalsIgnoreCase(existing.id().toString()))
              .map(Record::id)
              .findFirst();
      return byName.orElseThrow(
          () ->
              new ErpApiException(
                  HttpStatus.NOT_FOUND,
                  "BadRequest_NotFound",
                  "Company",
                  "There is no company named '" + company + "'."));
    }

    private BatchResponse notRun(BatchRequest request, String why) {
      return error(
          request,
          HttpStatus.FAILED_DEPENDENCY.value(),
          "BadRequest_FailedDependency",
          null,
          "The request was not run: " + why + ".");
    }

    private BatchResponse error(
        BatchRequest request, int status, String code, String target, String message) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code);
      error.put("message", message);
      if (target != null) {
        error.put("target", target);
      }
      byte[] body;
      try {
        body = json.writeValueAsBytes(Map.of("error", error));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("content-type", ODataHeaders.JSON.toString());
      headers.put("odata-version", ODataHeaders.VERSION);
      return new BatchResponse(request, status, headers, body);
    }
  }

  private static ErpApiException invalidUrl(BatchRequest request, String why) {
    return new ErpApiException(
        HttpStatus.BAD_REQUEST,
        "BadRequest_InvalidUrl",
        "url",
        "The URL '" + request.url() + "' cannot be run: " + why);
  }

  /**
   * @param path the path after the context path
   * @param query the query, or null
   * @param failedReference the id of a failed request the URL refers to, or null
   */
  private record Target(String path, String query, String failedReference) {}
}
