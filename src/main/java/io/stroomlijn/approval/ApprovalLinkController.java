package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.APPROVE;

import io.stroomlijn.security.Caller;
import io.stroomlijn.web.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The approve and reject links of approval mails ({@code /approvals/links/{token}}), without a
 * login. Opening a link only shows the request and a button: mail scanners that open links must not
 * approve anything. Pressing the button answers as the approver the link was made for, once: the
 * link's nonce is recorded in the same transaction as the answer.
 */
@RestController
class ApprovalLinkController {

  private final ApprovalLinks links;
  private final ApprovalInbox inbox;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  ApprovalLinkController(
      ApprovalLinks links,
      ApprovalInbox inbox,
      JdbcTemplate jdbc,
      TransactionTemplate transaction) {
    this.links = links;
    this.inbox = inbox;
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  @GetMapping(value = "/approvals/links/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> show(@PathVariable String token) {
    try {
      ApprovalLinks.Link link = links.verify(token);
      requireUnused(link);
      Map<String, Object> request =
          inbox
              .open(link.taskId())
              .orElseThrow(
                  () ->
                      new ApprovalLinks.LinkProblem(
                          HttpStatus.CONFLICT, "This request was already answered or has ended."));
      String verb = APPROVE.equals(link.decision()) ? "Approve" : "Reject";
      String body =
          "<h1>"
              + verb
              + ": "
              + escape(request.get("title"))
              + "</h1><p>"
              + escape(request.get("details"))
              + "</p><p>Requested by "
              + escape(request.get("requestedBy"))
              + "</p><form method=\"post\"><p><label>Comment<br><textarea name=\"comment\""
              + " rows=\"3\" cols=\"50\"></textarea></label></p><p><button type=\"submit\">"
              + verb
              + "</button></p></form>";
      return page(HttpStatus.OK, verb, body);
    } catch (ApprovalLinks.LinkProblem problem) {
      return page(problem.status(), "Approval", "<p>" + escape(problem.getMessage()) + "</p>");
    }
  }

  @PostMapping(value = "/approvals/links/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> answer(
      @PathVariable String token, @RequestParam(required = false) String comment) {
    try {
      ApprovalLinks.Link link = links.verify(token);
      transaction.executeWithoutResult(
          status -> {
            use(link);
            inbox.respond(
                new Caller(link.approver(), List.of()), link.taskId(), link.decision(), comment);
          });
      String done = APPROVE.equals(link.decision()) ? "approved" : "rejected";
      return page(HttpStatus.OK, "Done", "<p>You " + done + " the request. Thank you.</p>");
    } catch (ApprovalLinks.LinkProblem problem) {
      return page(problem.status(), "Approval", "<p>" + escape(problem.getMessage()) + "</p>");
    } catch (ApiException refused) {
      return page(refused.status(), "Approval", "<p>" + escape(refused.getMessage()) + "</p>");
    }
  }

  private void requireUnused(ApprovalLinks.Link link) {
    Integer uses =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM approval_link_use WHERE nonce = ?", Integer.class, link.nonce());
    if (uses != null && uses > 0) {
      throw usedAlready();
    }
  }

  private void use(ApprovalLinks.Link link) {
    try {
      jdbc.update(
          "INSERT INTO approval_link_use (nonce, task_id, used_at) VALUES (?, ?, ?)",
          link.nonce(),
          link.taskId(),
          Timestamp.from(Instant.now()));
    } catch (DuplicateKeyException e) {
      throw usedAlready();
    }
  }

  private static ApprovalLinks.LinkProblem usedAlready() {
    return new ApprovalLinks.LinkProblem(HttpStatus.CONFLICT, "This link was already used.");
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    String html =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + " - Stroomlijn</title></head><body>"
            + body
            + "</body></html>";
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
  }

  private static String escape(Object value) {
    return value == null ? "" : HtmlUtils.htmlEscape(value.toString());
  }
}
