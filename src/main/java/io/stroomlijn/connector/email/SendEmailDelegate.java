package io.stroomlijn.connector.email;

import static io.stroomlijn.connector.email.Email.*;

import io.stroomlijn.connector.ActionInputs;
import io.stroomlijn.connector.ActionTemplate;
import io.stroomlijn.connector.AtCommit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Action "Send an email" over SMTP. Inputs: {@code to} (required), {@code cc}, {@code bcc} (each
 * addresses, {@code user:<id>} or {@code group:<id>}, comma separated or a list), {@code subject}
 * and {@code body} (with {@code ${...}} expressions, whose values are HTML-escaped in an HTML
 * body), {@code bodyFormat} ({@code html} or {@code text}), {@code replyTo}, {@code attachment}
 * (the name of a file variable) and {@code connection} (a mail server of {@code
 * stroomlijn.connections.smtp}; {@code default} is {@code spring.mail}).
 *
 * <p>The message is built and checked at once ({@link Emails}), so a wrong address fails the step
 * before anything is sent; it is sent when the step's transaction is about to commit ({@link
 * AtCommit}), so a retry after a failure never sends it twice.
 */
@ActionTemplate(
    id = "io.stroomlijn.email.SendEmail",
    required = {TO, SUBJECT},
    optional = {CC, BCC, REPLY_TO, BODY, BODY_FORMAT, ATTACHMENT, CONNECTION})
@Component
public class SendEmailDelegate implements JavaDelegate {

  private final Emails emails;

  SendEmailDelegate(Emails emails) {
    this.emails = emails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String format = ActionInputs.optionalText(execution, BODY_FORMAT, HTML);
    String attachment = ActionInputs.optionalText(execution, ATTACHMENT, null);
    Emails.Prepared mail =
        emails.prepare(
            new Email(
                execution.getCurrentActivityId(),
                ActionInputs.optionalText(execution, CONNECTION, MailServers.DEFAULT),
                ActionInputs.optionalList(execution, TO),
                ActionInputs.optionalList(execution, CC),
                ActionInputs.optionalList(execution, BCC),
                ActionInputs.optionalText(execution, REPLY_TO, null),
                ActionInputs.text(execution, SUBJECT),
                format,
                format.equals(HTML)
                    ? ActionInputs.optionalHtml(execution, BODY, "")
                    : ActionInputs.optionalText(execution, BODY, ""),
                attachment,
                attachment == null ? null : execution.getVariableTyped(attachment)));
    AtCommit.run(() -> emails.send(mail));
  }
}
