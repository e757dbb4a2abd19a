package io.stroomlijn.approval;

import io.stroomlijn.security.SystemCalls;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Who approves a request. The approval step's {@code approvers} input is a comma list of {@code
 * user:<id>} (or a bare user id), {@code group:<id>} (every member) and {@code requestersApprover}:
 * the requester's approver from the approval user setup, climbing to that approver's approver while
 * the amount exceeds their limit, as Business Central's approver chain does.
 */
@Component
class Approvers {

  static final String REQUESTERS_APPROVER = "requestersApprover";
  static final String TYPE_APPROVER = "Approver";
  static final String TYPE_GROUP = "Workflow User Group";

  private final IdentityService identity;
  private final SystemCalls system;
  private final ApprovalProperties properties;

  Approvers(IdentityService identity, SystemCalls system, ApprovalProperties properties) {
    this.identity = identity;
    this.system = system;
    this.properties = properties;
  }

  /** An approver and how they were chosen (Business Central's approval type). */
  record Approver(String userId, String approvalType) {}

  List<Approver> resolve(String approvers, String requester, BigDecimal amount) {
    return system.run(
        () -> {
          Map<String, Approver> chosen = new LinkedHashMap<>();
          for (String entry : approvers.split("[,;]")) {
            String token = entry.trim();
            if (token.isEmpty()) {
              continue;
            }
            if (token.equals(REQUESTERS_APPROVER)) {
              String approver = approverFor(requester, amount);
              chosen.putIfAbsent(approver, new Approver(approver, TYPE_APPROVER));
            } else if (token.startsWith("group:")) {
              members(token.substring(6))
                  .forEach(user -> chosen.putIfAbsent(user, new Approver(user, TYPE_GROUP)));
            } else {
              String user = token.startsWith("user:") ? token.substring(5) : token;
              requireUser(user);
              chosen.putIfAbsent(user, new Approver(user, TYPE_APPROVER));
            }
          }
          if (chosen.isEmpty()) {
            throw new IllegalArgumentException(
                "The approval has no approvers: '" + approvers + "'");
          }
          return new ArrayList<>(chosen.values());
        });
  }

  /** The substitute of an approver, for delegation; null when none is set up. */
  String substituteOf(String approver) {
    return properties.of(approver).substitute();
  }

  private String approverFor(String requester, BigDecimal amount) {
    String approver = properties.of(requester).approver();
    if (approver == null) {
      throw new IllegalArgumentException(
          "User '"
              + requester
              + "' has no approver: set stroomlijn.approvals.users."
              + requester
              + ".approver");
    }
    Set<String> seen = new HashSet<>();
    while (exceedsLimit(approver, amount)) {
      String next = properties.of(approver).approver();
      if (next == null || !seen.add(approver)) {
        break; // the top of the chain approves, as in Business Central
      }
      approver = next;
    }
    requireUser(approver);
    return approver;
  }

  private boolean exceedsLimit(String approver, BigDecimal amount) {
    BigDecimal limit = properties.of(approver).amountLimit();
    return limit != null && amount != null && amount.compareTo(limit) > 0;
  }

  private List<String> members(String group) {
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      throw new IllegalArgumentException("There is no group '" + group + "' to approve");
    }
    List<String> members =
        identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream()
            .map(User::getId)
            .toList();
    if (members.isEmpty()) {
      throw new IllegalArgumentException("Group '" + group + "' has no members to approve");
    }
    return members;
  }

  private void requireUser(String user) {
    if (identity.createUserQuery().userId(user).count() == 0) {
      throw new IllegalArgumentException("There is no user '" + user + "' to approve");
    }
  }
}
