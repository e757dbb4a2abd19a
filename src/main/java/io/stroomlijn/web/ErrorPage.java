package io.stroomlijn.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The answer to every error no controller answered itself (an unknown path, a refused method, a
 * body the server could not read): JSON in the API's error format instead of Spring Boot's or
 * Tomcat's HTML page, and never a stack trace or an exception message. Called directly, {@code
 * /error} is just an unknown path.
 */
@RestController
class ErrorPage implements ErrorController {

  @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer number && HttpStatus.resolve(number) != null
            ? HttpStatus.valueOf(number)
            : HttpStatus.NOT_FOUND;
    String path =
        code == null
            ? request.getRequestURI()
            : String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    String message =
        switch (status) {
          case NOT_FOUND -> "There is nothing at " + path + ".";
          case METHOD_NOT_ALLOWED -> path + " does not accept " + request.getMethod() + ".";
          case INTERNAL_SERVER_ERROR ->
              "Something went wrong on the server; the request may not have been carried out."
                  + " The server log says what.";
          default -> status.getReasonPhrase() + ".";
        };
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(JsonErrors.body(errorCode(status), message, null));
  }

  /** Business Central style codes: {@code NotFound}, {@code MethodNotAllowed}, ... */
  private static String errorCode(HttpStatus status) {
    StringBuilder code = new StringBuilder();
    for (String word : status.getReasonPhrase().split("[^A-Za-z]+")) {
      if (!word.isEmpty()) {
        code.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase());
      }
    }
    return code.toString();
  }
}
