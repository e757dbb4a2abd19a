package io.stroomlijn.approval;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Approvals ({@code stroomlijn.approvals.*}): Business Central's approval user setup (who approves
 * for whom, up to which amount, and who stands in), and how approvers are notified.
 *
 * @param users per user id: their approver, substitute and amount limit
 * @param mailConnection the mail server approval requests go out through
 * @param tasklistUrl Tasklist's address, for the link in approval mails
 * @param publicUrl Stroomlijn's own address as approvers reach it, for the approve and reject links
 *     in approval mails
 */
@ConfigurationProperties("stroomlijn.approvals")
public record ApprovalProperties(
    Map<String, ApproverSetup> users, String mailConnection, URI tasklistUrl, URI publicUrl) {

  public ApprovalProperties {
    users = users == null ? Map.of() : Map.copyOf(users);
    mailConnection =
        mailConnection == null || mailConnection.isBlank() ? "default" : mailConnection;
    tasklistUrl =
        tasklistUrl == null
            ? URI.create("http://localhost:8080/camunda/app/tasklist/")
            : tasklistUrl;
    publicUrl = publicUrl == null ? URI.create("http://localhost:8080/") : publicUrl;
  }

  /** The setup of one user, or an empty one. */
  ApproverSetup of(String userId) {
    return users.getOrDefault(userId, new ApproverSetup(null, null, null));
  }

  /**
   * A user's approval setup.
   *
   * @param approver who approves this user's requests
   * @param substitute who approves in this user's place when a request is delegated
   * @param amountLimit the largest amount this user may approve; none means unlimited
   */
  public record ApproverSetup(String approver, String substitute, BigDecimal amountLimit) {}
}
