package io.stroomlijn.connector.email;

import io.stroomlijn.security.SystemCalls;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Turns what a flow author writes in {@code to}, {@code cc} and {@code bcc} into mail addresses: an
 * address ({@code ap@cronus.nl}, or a record field giving one), {@code user:<id>} or {@code
 * group:<id>} for Camunda users and groups (their email), or a bare id (a user, else a group).
 */
@Component
class Recipients {

  private final IdentityService identity;
  private final SystemCalls system;

  Recipients(IdentityService identity, SystemCalls system) {
    this.identity = identity;
    this.system = system;
  }

  /**
   * The addresses, without duplicates, in the order written; members without email are left out.
   */
  Set<InternetAddress> resolve(String input, List<String> entries) {
    // Users and groups are looked up for the flow, not with the rights of whoever started it.
    return system.run(
        () -> {
          Set<InternetAddress> addresses = new LinkedHashSet<>();
          for (String entry : entries) {
            resolveEntry(input, entry, addresses);
          }
          return addresses;
        });
  }

  private void resolveEntry(String input, String entry, Set<InternetAddress> addresses) {
    if (entry.startsWith("user:")) {
      addUser(input, entry.substring(5), addresses);
    } else if (entry.startsWith("group:")) {
      addGroup(input, entry.substring(6), addresses);
    } else if (entry.contains("@")) {
      addresses.add(address(input, entry));
    } else if (identity.createUserQuery().userId(entry).count() > 0) {
      addUser(input, entry, addresses);
    } else {
      addGroup(input, entry, addresses);
    }
  }

  private void addUser(String input, String userId, Set<InternetAddress> addresses) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      throw new IllegalArgumentException("'" + input + "' names the unknown user '" + userId + "'");
    }
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      throw new IllegalArgumentException(
          "'" + input + "' names user '" + userId + "', who has no email address");
    }
    addresses.add(address(input, user.getEmail()));
  }

  private void addGroup(String input, String groupId, Set<InternetAddress> addresses) {
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      throw new IllegalArgumentException(
          "'" + input + "' names '" + groupId + "', which is no address, user or group");
    }
    for (User member :
        identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list()) {
      if (member.getEmail() != null && !member.getEmail().isBlank()) {
        addresses.add(address(input, member.getEmail()));
      }
    }
  }

  private static InternetAddress address(String input, String text) {
    try {
      InternetAddress address = new InternetAddress(text, true);
      address.validate();
      return address;
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "'" + input + "' has '" + text + "', which is not a valid email address");
    }
  }
}
