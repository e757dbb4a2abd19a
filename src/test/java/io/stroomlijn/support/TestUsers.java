package io.stroomlijn.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/**
 * Users created for one test (each with its own name, so tests never share one) and removed after.
 */
public final class TestUsers {

  public static final String PASSWORD = "test-user-password";

  private final IdentityService identity;
  private final int port;
  private final List<String> created = new ArrayList<>();
  private final List<String> createdGroups = new ArrayList<>();

  public TestUsers(IdentityService identity, int port) {
    this.identity = identity;
    this.port = port;
  }

  /** A new user in the given groups; returns its id. */
  public String create(String name, String... groups) {
    String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setFirstName(name);
    user.setLastName("Test");
    user.setEmail(email(id));
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    created.add(id);
    return id;
  }

  /** The group, created here (and removed after) when it does not exist yet. */
  public String group(String id) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(id);
      identity.saveGroup(group);
      createdGroups.add(id);
    }
    return id;
  }

  /** The email address of a user created here. */
  public static String email(String userId) {
    return userId + "@example.test";
  }

  /** An API client logged in as a user created here. */
  public ApiClient client(String userId) {
    return ApiClient.as(port, userId, PASSWORD);
  }

  public void removeAll() {
    created.forEach(identity::deleteUser);
    created.clear();
    createdGroups.forEach(identity::deleteGroup);
    createdGroups.clear();
  }
}
