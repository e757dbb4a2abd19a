package io.stroomlijn.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * Engine REST answers that Camunda gives as 500 although the request is at fault: a deployment that
 * is not a parsable BPMN file (a DOCTYPE, not XML, empty, an expression that does not parse) and
 * values the database refuses (a business key over 255 characters, a string variable over 4,000),
 * an object variable whose type may not be deserialized. They become 400 in Camunda's own error
 * shape, {@code {type, message}}; everything else is answered by Camunda's handlers as before.
 * Messages are ours: the database's own would repeat the refused value.
 */
final class EngineRestErrors {

  private EngineRestErrors() {}

  /** Engine exceptions; {@code @Priority(1)} wins over Camunda's mapper of the same type. */
  @Priority(1)
  static final class EngineExceptions implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException e) {
      Response badRequest = badRequest(e);
      return badRequest != null ? badRequest : ExceptionHandlerHelper.getInstance().getResponse(e);
    }
  }

  /** Camunda's REST layer wraps some engine exceptions (starting a process) in its own. */
  @Priority(1)
  static final class RestExceptions implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException e) {
      Response badRequest = e.getStatus() == null ? badRequest(e) : null;
      if (badRequest == null && e.getStatus() == Response.Status.INTERNAL_SERVER_ERROR) {
        badRequest = badRequest(e);
      }
      return badRequest != null ? badRequest : ExceptionHandlerHelper.getInstance().getResponse(e);
    }
  }

  /** A 400 when the exception is the request's fault, else null. */
  private static Response badRequest(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      // A listener's refusal of the request (the approval step's decision, say) arrives wrapped
      // in the engine's "exception while invoking the listener".
      if (cause != e && cause instanceof BadUserRequestException) {
        return answer("InvalidRequestException", firstLine(message));
      }
      // ENGINE-09003: the file is not XML the parser accepts (DOCTYPE, not XML, empty);
      // ENGINE-01009: an expression or attribute in it does not parse.
      if (message.startsWith("ENGINE-09003") || message.startsWith("ENGINE-01009")) {
        return answer(
            "ParseException",
            "The deployment is not a BPMN file the engine can read: "
                + firstLine(message.substring(message.indexOf(' ') + 1)));
      }
      // deserializationTypeValidationEnabled refused to instantiate the stored type: the variable
      // is readable, but only serialized.
      if (message.contains("whitelisted for deserialization")) {
        return answer(
            "InvalidRequestException",
            "The variable's type is not on the allow-list for deserialization: "
                + firstLine(message.substring(message.indexOf(':') + 1).trim())
                + ". Read it with deserializeValue=false.");
      }
      // SQLSTATE class 22 is "data exception": a value too long or out of range for its column.
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        return answer(
            "InvalidRequestException",
            "A value is too long or out of range for the engine: business keys have at most 255"
                + " characters, String variables at most 4,000 (send longer text as a Json or"
                + " Bytes variable).");
      }
    }
    return null;
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static Response answer(String type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body)
        .build();
  }
}
