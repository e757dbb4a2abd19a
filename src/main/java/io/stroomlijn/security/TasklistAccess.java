package io.stroomlijn.security;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every user may open Tasklist and finds their own tasks there: approvers answer the approval tasks
 * their mails link to, flow users work on the review tasks of their flows. They see only tasks they
 * are assignee or candidate of (Camunda grants those task permissions itself when a task is given
 * to a user or group) through the shared filter "My tasks"; nothing else of the engine.
 */
@Component
@Order(1)
class TasklistAccess implements ApplicationRunner {

  static final String TASKLIST = "tasklist";
  static final String MY_TASKS = "My tasks";

  private static final Logger log = LoggerFactory.getLogger(TasklistAccess.class);

  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;

  TasklistAccess(AuthorizationService authorizations, FilterService filters, TaskService tasks) {
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    grantToEveryone(Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
    grantToEveryone(Resources.FILTER, myTasksFilterId(), Permissions.READ);
  }

  private String myTasksFilterId() {
    Filter existing = filters.createFilterQuery().filterName(MY_TASKS).singleResult();
    if (existing != null) {
      return existing.getId();
    }
    // No condition of its own: a user sees exactly the tasks Camunda's task permissions let them
    // see, those assigned or offered to them or their groups. (A candidate-group condition with
    // ${currentUserGroups()} fails for a user in no group, which most approvers are.)
    TaskQuery mine = tasks.createTaskQuery();
    Filter filter =
        filters
            .newTaskFilter(MY_TASKS)
            .setQuery(mine)
            .setProperties(
                Map.of(
                    "description",
                    "Tasks assigned to me or offered to me or my groups",
                    "priority",
                    -10,
                    "refresh",
                    true));
    filters.saveFilter(filter);
    log.info("Created the Tasklist filter '{}' for every user", MY_TASKS);
    return filter.getId();
  }

  private void grantToEveryone(Resources resource, String resourceId, Permissions permission) {
    boolean granted =
        authorizations
                .createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(resource)
                .resourceId(resourceId)
                .hasPermission(permission)
                .count()
            > 0;
    if (granted) {
      return;
    }
    Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    everyone.setUserId(Authorization.ANY);
    everyone.setResource(resource);
    everyone.setResourceId(resourceId);
    everyone.addPermission(permission);
    authorizations.saveAuthorization(everyone);
  }
}
