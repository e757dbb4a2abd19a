package io.stroomlijn.connector.email;

import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What the email action is asked to send, as its task's inputs (named by the constants) give it.
 *
 * @param task the task's id, for messages
 * @param connection the mail server: {@code default} ({@code spring.mail}) or one of {@code
 *     stroomlijn.connections.smtp}
 * @param to addresses, {@code user:<id>}, {@code group:<id>} or bare ids
 * @param cc the same
 * @param bcc the same
 * @param replyTo an address, or null
 * @param subject the subject
 * @param bodyFormat {@code html} or {@code text}
 * @param body the body, its {@code ${...}} values already rendered (HTML-escaped in HTML)
 * @param attachment the name of the run's file variable to attach, or null
 * @param attachmentValue that variable's value, or null
 */
record Email(
    String task,
    String connection,
    List<String> to,
    List<String> cc,
    List<String> bcc,
    String replyTo,
    String subject,
    String bodyFormat,
    String body,
    String attachment,
    TypedValue attachmentValue) {

  static final String TO = "to";
  static final String CC = "cc";
  static final String BCC = "bcc";
  static final String REPLY_TO = "replyTo";
  static final String SUBJECT = "subject";
  static final String BODY = "body";
  static final String BODY_FORMAT = "bodyFormat";
  static final String ATTACHMENT = "attachment";
  static final String CONNECTION = "connection";

  static final String HTML = "html";
  static final String TEXT = "text";
}
