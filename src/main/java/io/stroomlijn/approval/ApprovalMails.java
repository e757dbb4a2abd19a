package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;

import io.stroomlijn.connector.email.Mailer;
import io.stroomlijn.security.SystemCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** The mail an approver gets for a request: what to approve, who asks, and where to answer. */
@Component
class ApprovalMails {

  private final Mailer mailer;
  private final IdentityService identity;
  private final SystemCalls system;
  private final ApprovalProperties properties;
  private final ApprovalLinks links;

  ApprovalMails(
      Mailer mailer,
      IdentityService identity,
      SystemCalls system,
      ApprovalProperties properties,
      ApprovalLinks links) {
    this.mailer = mailer;
    this.identity = identity;
    this.system = system;
    this.properties = properties;
    this.links = links;
  }

  /** Emails the approver of a task, when they have an address, once the step has committed. */
  void requestApproval(String taskId, String approver, Map<String, Object> variables) {
    send(taskId, approver, variables, "Approval requested: ");
  }

  /** Reminds an approver who has not answered yet. */
  void remind(String taskId, String approver, Map<String, Object> variables) {
    send(taskId, approver, variables, "Reminder, approval requested: ");
  }

  private void send(String taskId, String approver, Map<String, Object> variables, String prefix) {
    User user = system.run(() -> identity.createUserQuery().userId(approver).singleResult());
    if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
      return;
    }
    String title = String.valueOf(TITLE.fromOrNull(variables));
    String details = DETAILS.fromOrNull(variables);
    String html =
        "<p>"
            + escape(REQUESTED_BY.fromOrNull(variables))
            + " asks for your approval.</p><p><b>"
            + escape(title)
            + "</b></p>"
            + (details == null ? "" : "<p>" + escape(details) + "</p>")
            + "<p>Due: "
            + escape(DUE_DATE.fromOrNull(variables))
            + "</p><p><a href=\""
            + links.url(taskId, approver, APPROVE, expiry(variables))
            + "\">Approve</a> &nbsp; <a href=\""
            + links.url(taskId, approver, REJECT, expiry(variables))
            + "\">Reject</a> (each link works once, without a login)</p><p><a href=\""
            + properties.tasklistUrl()
            + "#/?task="
            + taskId
            + "\">Approve or reject in Tasklist</a>, or with POST /api/approvals/"
            + taskId
            + "/approve or /reject.</p>";
    mailer.sendAfterCommit(
        properties.mailConnection(), List.of(user.getEmail()), prefix + title, html);
  }

  /** Links work until the request is due, and at least a day. */
  private static Instant expiry(Map<String, Object> variables) {
    Instant dayFromNow = Instant.now().plus(Duration.ofDays(1));
    Date due = DUE_DATE.fromOrNull(variables);
    if (due != null && due.toInstant().isAfter(dayFromNow)) {
      return due.toInstant();
    }
    return dayFromNow;
  }

  private static String escape(Object value) {
    return HtmlUtils.htmlEscape(String.valueOf(value));
  }
}
