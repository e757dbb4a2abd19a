package io.stroomlijn.approval;

import io.stroomlijn.security.Callers;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/approvals}: the caller's open approval requests, and approve, reject or delegate one
 * with a comment.
 */
@RestController
class ApprovalController {

  private final ApprovalInbox inbox;
  private final Callers callers;

  ApprovalController(ApprovalInbox inbox, Callers callers) {
    this.inbox = inbox;
    this.callers = callers;
  }

  @GetMapping("/api/approvals")
  Map<String, List<Map<String, Object>>> open() {
    return Map.of("value", inbox.openFor(callers.current()));
  }

  @PostMapping("/api/approvals/{id}/approve")
  Map<String, Object> approve(
      @PathVariable String id, @RequestBody(required = false) Response body) {
    return inbox.respond(callers.current(), id, ApprovalVariables.APPROVE, comment(body));
  }

  @PostMapping("/api/approvals/{id}/reject")
  Map<String, Object> reject(
      @PathVariable String id, @RequestBody(required = false) Response body) {
    return inbox.respond(callers.current(), id, ApprovalVariables.REJECT, comment(body));
  }

  @PostMapping("/api/approvals/{id}/delegate")
  Map<String, Object> delegate(
      @PathVariable String id, @RequestBody(required = false) Response body) {
    return inbox.delegate(callers.current(), id, comment(body));
  }

  private static String comment(Response body) {
    return body == null ? null : body.comment();
  }

  /** A response's body: an optional comment. */
  record Response(String comment) {}
}
