package io.stroomlijn.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.StroomlijnTest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scheduled flows on the engine clock: the job executor is stopped, the test moves the clock and
 * executes due timers itself, so nothing sleeps and nothing races.
 */
@StroomlijnTest
class ScheduledFlowsTest {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired ProcessEngineConfiguration configuration;

  final List<String> deployments = new ArrayList<>();
  TimeZone zoneBefore;
  ApiClient admin;

  @BeforeEach
  void stopTheJobExecutor() {
    ((ProcessEngineConfigurationImpl) configuration).getJobExecutor().shutdown();
    zoneBefore = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(AMSTERDAM));
    admin = ApiClient.as(port, StroomlijnTest.ADMIN, StroomlijnTest.ADMIN_PASSWORD);
  }

  @AfterEach
  void restore() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    ClockUtil.reset();
    TimeZone.setDefault(zoneBefore);
    ((ProcessEngineConfigurationImpl) configuration).getJobExecutor().start();
  }

  private void clock(String localDateTime) {
    ClockUtil.setCurrentTime(
        Date.from(LocalDateTime.parse(localDateTime).atZone(AMSTERDAM).toInstant()));
  }

  private String deploy(String key, String timer) {
    String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
          <bpmn:process id="%s" name="Scheduled %s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Timer">
              <bpmn:timerEventDefinition>%s</bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Timer" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(key, key, timer);
    deployments.add(repository.createDeployment().addString(key + ".bpmn", bpmn).deploy().getId());
    return key;
  }

  private static String key(String name) {
    return name + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String cycle(String expression) {
    return "<bpmn:timeCycle>" + expression + "</bpmn:timeCycle>";
  }

  private Job timer(String key) {
    return management.createJobQuery().processDefinitionKey(key).timers().singleResult();
  }

  private ZonedDateTime due(String key) {
    return timer(key).getDuedate().toInstant().atZone(AMSTERDAM);
  }

  /** Executes the flow's due timers as the job executor would, until none is due. */
  private void fireDueTimers(String key) {
    for (int i = 0; i < 100; i++) {
      Job job = timer(key);
      if (job == null || job.getDuedate().after(ClockUtil.getCurrentTime()) || job.isSuspended()) {
        return;
      }
      management.executeJob(job.getId());
    }
  }

  private long runs(String key) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
  }

  @Test
  void aDailyCronRunStaysAtEightLocalTimeWhenSummerTimeBegins() {
    clock("2026-03-27T12:00");
    String key = deploy(key("Daily"), cycle("0 0 8 * * ?"));

    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-28T08:00"));
    clock("2026-03-28T08:00");
    fireDueTimers(key);
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T08:00"));
    assertThat(due(key).getOffset().getTotalSeconds()).isEqualTo(2 * 3600);
    clock("2026-03-29T08:00");
    fireDueTimers(key);

    assertThat(runs(key)).isEqualTo(2);
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-30T08:00"));
  }

  @Test
  void aDailyCronRunStaysAtEightLocalTimeAndRunsOnceWhenSummerTimeEnds() {
    clock("2026-10-24T09:00");
    String key = deploy(key("Autumn"), cycle("0 0 8 * * ?"));

    clock("2026-10-25T08:00");
    fireDueTimers(key);
    clock("2026-10-25T20:00");
    fireDueTimers(key);

    assertThat(runs(key)).isEqualTo(1);
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-26T08:00"));
    assertThat(due(key).getOffset().getTotalSeconds()).isEqualTo(3600);
  }

  @Test
  void aDailyCycleWithAStartDateKeepsItsLocalTime() {
    clock("2026-03-27T12:00");
    String key = deploy(key("Cycle"), cycle("R5/2026-03-28T08:00/P1D"));

    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-28T08:00"));
    clock("2026-03-28T08:00");
    fireDueTimers(key);

    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T08:00"));
  }

  @Test
  void aPT24HCycleCountsExactHoursAcrossTheChangeToSummerTime() {
    clock("2026-03-28T08:00");
    String key = deploy(key("Hours"), cycle("R/PT24H"));

    // 24 hours after Saturday 08:00 winter time is Sunday 09:00 summer time
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T09:00"));
    clock("2026-03-29T09:00");
    fireDueTimers(key);

    assertThat(runs(key)).isEqualTo(1);
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-30T09:00"));
  }

  @Test
  void aPT24HCycleCountsExactHoursAcrossTheChangeToWinterTime() {
    clock("2026-10-24T08:00");
    String key = deploy(key("HoursAutumn"), cycle("R/PT24H"));

    // 24 hours after Saturday 08:00 summer time is Sunday 07:00 winter time
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-25T07:00"));
  }

  @Test
  void aDateWithoutOffsetIsReadInTheConfiguredTimeZone() {
    clock("2026-11-30T12:00");
    String key = deploy(key("Once"), "<bpmn:timeDate>2026-12-01T08:00</bpmn:timeDate>");

    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-01T08:00"));
    assertThat(due(key).getOffset().getTotalSeconds()).isEqualTo(3600);
  }

  @Test
  void missedRunsRunOnceAndTheScheduleContinuesFromNow() {
    clock("2026-12-01T09:00");
    String key = deploy(key("Quarter"), cycle("R/PT15M"));

    clock("2026-12-01T12:00");
    fireDueTimers(key);

    assertThat(runs(key)).isEqualTo(1);
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-01T12:15"));
  }

  @Test
  void aMissedCronRunRunsOnce() {
    clock("2026-12-01T09:00");
    String key = deploy(key("Missed"), cycle("0 0 8 * * ?"));

    clock("2026-12-05T10:00");
    fireDueTimers(key);

    assertThat(runs(key)).isEqualTo(1);
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-06T08:00"));
  }

  @Test
  void suspendingStopsTheTimerAndActivatingSchedulesFromNow() {
    clock("2026-12-01T09:00");
    String key = deploy(key("Switch"), cycle("R/PT15M"));

    assertThat(admin.post("/api/flows/scheduled/" + key + "/suspend", "").status()).isEqualTo(200);
    clock("2026-12-01T12:00");
    fireDueTimers(key);
    assertThat(runs(key)).isZero();
    assertThat(timer(key).isSuspended()).isTrue();

    JsonNode activated = admin.post("/api/flows/scheduled/" + key + "/activate", "").json();
    fireDueTimers(key);

    assertThat(runs(key)).isZero();
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-01T12:15"));
    assertThat(activated.path("value").path("suspended").asBoolean()).isFalse();
  }

  @Test
  void redeployingReplacesTheSchedule() {
    clock("2026-12-01T09:00");
    String key = deploy(key("Redeployed"), cycle("R/PT15M"));
    deploy(key, cycle("0 0 8 * * ?"));

    List<Job> timers = management.createJobQuery().processDefinitionKey(key).timers().list();

    assertThat(timers).hasSize(1);
    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionId(timers.get(0).getProcessDefinitionId())
                .singleResult()
                .getVersion())
        .isEqualTo(2);
    assertThat(due(key).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-02T08:00"));
  }

  @Test
  void listsScheduledFlowsWithTheirNextAndLastRun() {
    clock("2026-12-01T09:00");
    String key = deploy(key("Listed"), cycle("R/PT15M"));
    clock("2026-12-01T09:15");
    fireDueTimers(key);

    JsonNode flows = admin.get("/api/flows/scheduled").json().path("value");

    JsonNode flow = null;
    for (JsonNode candidate : flows) {
      if (candidate.path("key").asText().equals(key)) {
        flow = candidate;
      }
    }
    assertThat(flow).as("listed: " + flows).isNotNull();
    assertThat(flow.path("timeZone").asText()).isEqualTo("Europe/Amsterdam");
    assertThat(flow.path("suspended").asBoolean()).isFalse();
    JsonNode timer = flow.path("timers").get(0);
    assertThat(timer.path("startEventId").asText()).isEqualTo("StartEvent_Timer");
    assertThat(timer.path("type").asText()).isEqualTo("cycle");
    assertThat(timer.path("expression").asText()).isEqualTo("R/PT15M");
    assertThat(timer.path("nextRunAt").asText()).startsWith("2026-12-01T09:30");
    assertThat(flow.path("lastRun").path("status").asText()).isEqualTo("completed");
    assertThat(flow.path("lastRun").path("startedAt").asText()).startsWith("2026-12-01T09:15");
  }

  @Test
  void anUnreadableTimerFailsTheDeploymentNamingTheElementAndExpression() {
    assertThatThrownBy(() -> deploy(key("Broken"), cycle("every morning at eight")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("StartEvent_Timer")
        .hasMessageContaining("every morning at eight");
    assertThatThrownBy(() -> deploy(key("BadDate"), "<bpmn:timeDate>tomorrow</bpmn:timeDate>"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("tomorrow");
  }

  @Test
  void theRestApiRefusesAnUnreadableTimerWith400() throws Exception {
    String boundary = "stroomlijn-test-boundary";
    String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="t">
          <bpmn:process id="RestBroken" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Daily">
              <bpmn:timerEventDefinition><bpmn:timeCycle>every morning</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:startEvent>
          </bpmn:process>
        </bpmn:definitions>
        """;
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbroken\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"RestBroken.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + bpmn
            + "\r\n--"
            + boundary
            + "--\r\n";
    var response =
        admin.send(
            "POST",
            "/engine-rest/deployment/create",
            body,
            "Content-Type",
            "multipart/form-data; boundary=" + boundary);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.body()).contains("StartEvent_Daily").contains("every morning");
  }

  @Test
  void switchingAnUnknownFlowIsNotFound() {
    assertThat(admin.post("/api/flows/scheduled/NoSuchFlow/suspend", "").status()).isEqualTo(404);
  }
}
