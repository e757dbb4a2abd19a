package io.stroomlijn.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import io.stroomlijn.support.WebappSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Approvers and flow users, who belong to no admin group, log into Tasklist and work on their own
 * tasks there, as the "Approve or reject in Tasklist" link of an approval mail expects; nobody
 * else's.
 */
@StroomlijnTest
class TasklistAccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;

  private TestUsers users;
  private final List<String> tasks = new ArrayList<>();

  @BeforeEach
  void setUp() {
    users = new TestUsers(identityService, port);
  }

  @AfterEach
  void tearDown() {
    tasks.forEach(id -> taskService.deleteTask(id, true));
    users.removeAll();
  }

  @Test
  void anApproverSeesAndCompletesTheirOwnTaskButNoOneElses() throws Exception {
    String approver = users.create("approver");
    String other = users.create("other");
    String mine = task("Approve sales invoice S-INV100001", approver);
    String theirs = task("Approve purchase order 106001", other);

    WebappSession tasklist = new WebappSession(port, null);
    HttpResponse<String> login = tasklist.login("tasklist", approver, TestUsers.PASSWORD, true);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body())
        .contains("tasklist")
        .doesNotContain("cockpit")
        .doesNotContain("admin\"");

    String filterId = myTasksFilter(tasklist);
    JsonNode listed =
        JSON.readTree(tasklist.engine("POST", "/filter/" + filterId + "/list", "{}").body());
    assertThat(listed.findValuesAsText("id")).contains(mine).doesNotContain(theirs);

    assertThat(tasklist.engine("POST", "/task/" + theirs + "/complete", "{}").statusCode())
        .as("someone else's task")
        .isIn(403, 404);
    assertThat(tasklist.engine("POST", "/task/" + mine + "/complete", "{}").statusCode())
        .isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(mine).count()).isZero();
    assertThat(taskService.createTaskQuery().taskId(theirs).count()).isOne();
  }

  @Test
  void aFlowUserSeesTheTasksOfTheirGroup() throws Exception {
    String reviewer = users.create("reviewer", users.group("flow-users"));
    Task review = taskService.newTask();
    review.setName("Review rejected invoice");
    taskService.saveTask(review);
    tasks.add(review.getId());
    taskService.addCandidateGroup(review.getId(), "flow-users");

    WebappSession tasklist = new WebappSession(port, null);
    assertThat(tasklist.login("tasklist", reviewer, TestUsers.PASSWORD, true).statusCode())
        .isEqualTo(200);
    JsonNode listed =
        JSON.readTree(
            tasklist.engine("POST", "/filter/" + myTasksFilter(tasklist) + "/list", "{}").body());

    assertThat(listed.findValuesAsText("id")).contains(review.getId());
  }

  @Test
  void tasklistAloneOpensNoOtherApp() {
    String approver = users.create("approver");
    WebappSession browser = new WebappSession(port, null);

    assertThat(browser.login("cockpit", approver, TestUsers.PASSWORD, true).statusCode())
        .isEqualTo(403);
  }

  private String task(String name, String candidate) {
    Task task = taskService.newTask();
    task.setName(name);
    taskService.saveTask(task);
    tasks.add(task.getId());
    taskService.addCandidateUser(task.getId(), candidate);
    return task.getId();
  }

  private String myTasksFilter(WebappSession tasklist) throws Exception {
    JsonNode filters =
        JSON.readTree(tasklist.engine("GET", "/filter?resourceType=Task", null).body());
    for (JsonNode filter : filters) {
      if (TasklistAccess.MY_TASKS.equals(filter.path("name").asText())) {
        return filter.path("id").asText();
      }
    }
    throw new AssertionError("No filter '" + TasklistAccess.MY_TASKS + "' visible: " + filters);
  }
}
