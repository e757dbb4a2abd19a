package io.stroomlijn.erp.businesscentral.sync;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.stroomlijn.erp.businesscentral.webhooks.ChangeType;
import io.stroomlijn.erp.businesscentral.webhooks.Notification;
import io.stroomlijn.erp.businesscentral.webhooks.NotificationInbox;
import io.stroomlijn.flow.RunVariables;
import io.stroomlijn.support.StandaloneApp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application with {@code stroomlijn.erp.connector=business-central}: changes in a
 * (WireMock) Business Central tenant start automated flows through the same trigger machinery as
 * the embedded ERP's commits, with old values, watched fields and conditions, once each.
 */
class BusinessCentralFlowsTest {

  private static final TenantDouble tenant = new TenantDouble();

  @RegisterExtension
  static WireMockExtension bc =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(tenant))
          .build();

  private final UUID company = UUID.randomUUID();
  private ConfigurableApplicationContext app;

  @BeforeEach
  void start() {
    tenant.serveOn(bc);
    app =
        StandaloneApp.start(
            "businessCentralFlowsTest",
            "spring.datasource.url=jdbc:h2:mem:bc-flows-"
                + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1",
            "stroomlijn.erp.connector=business-central",
            "stroomlijn.business-central.tenant-id=" + TenantDouble.TENANT,
            "stroomlijn.business-central.environment=production",
            "stroomlijn.business-central.client-id=app-id",
            "stroomlijn.business-central.client-secret=s3cr3t-value",
            "stroomlijn.business-central.api-url=" + tenant.apiUrl(),
            "stroomlijn.business-central.token-url=" + tenant.tokenUrl(),
            "stroomlijn.business-central.catch-up-interval=PT1H");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void aChangeInBusinessCentralStartsEachMatchingFlowOnceWithItsOldValues() {
    String balanceFlow =
        deploy(
            "BcCustomerOverLimit",
            "modified",
            "trigger.fields",
            "balance",
            "trigger.condition",
            "${record.balance > 1000}");
    String deletedFlow = deploy("BcCustomerDeleted", "deleted");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("displayName", "Adatum");
    fields.put("balance", 500);
    UUID adatum = tenant.create(company, "customers", fields);
    watch("customers");

    tenant.modify(company, "customers", adatum, Map.of("displayName", "Adatum Corporation"));
    notify(ChangeType.UPDATED, adatum);
    tenant.modify(company, "customers", adatum, Map.of("balance", 1500.25));
    notify(ChangeType.UPDATED, adatum);
    notify(ChangeType.UPDATED, adatum);
    catchUp("customers");
    tenant.modify(company, "customers", adatum, Map.of("balance", 900));
    notify(ChangeType.UPDATED, adatum);
    tenant.delete(company, "customers", adatum);
    notify(ChangeType.DELETED, adatum);
    awaitEverythingHandled();

    List<HistoricProcessInstance> overLimit = runsOf(balanceFlow);
    assertThat(overLimit)
        .as("not for the name (not a watched field), once for 1500.25, not for 900")
        .hasSize(1);
    Map<String, Object> variables = variables(overLimit.get(0));
    assertThat(RunVariables.CHANGED_FIELDS.from(variables)).containsExactly("balance");
    assertThat(RunVariables.PREVIOUS_RECORD.from(variables)).containsEntry("balance", 500);
    Map<String, Object> record = RunVariables.RECORD.from(variables);
    assertThat(record).containsEntry("displayName", "Adatum Corporation");
    assertThat(new BigDecimal(record.get("balance").toString())).isEqualByComparingTo("1500.25");
    assertThat(RunVariables.CHANGED_BY.from(variables)).isEqualTo("business-central");

    List<HistoricProcessInstance> deleted = runsOf(deletedFlow);
    assertThat(deleted).hasSize(1);
    assertThat(RunVariables.RECORD.from(variables(deleted.get(0))))
        .containsEntry("displayName", "Adatum Corporation")
        .containsEntry("balance", 900);
    assertThat(
            jdbc()
                .queryForList(
                    "SELECT DISTINCT source FROM flow_trigger_event WHERE company_id = ?",
                    String.class,
                    company))
        .as("the trigger log says how each change was found")
        .containsExactly("notification");
  }

  private String deploy(String name, String event, String... properties) {
    String key = name + "_" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(key)
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Trigger")
            .endEvent("EndEvent_Done")
            .done();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("trigger.entitySet", "customers");
    all.put("trigger.event", event);
    all.put("trigger.company", company.toString());
    for (int i = 0; i < properties.length; i += 2) {
      all.put(properties[i], properties[i + 1]);
    }
    CamundaProperties list = model.newInstance(CamundaProperties.class);
    all.forEach(
        (property, value) -> {
          CamundaProperty entry = model.newInstance(CamundaProperty.class);
          entry.setCamundaName(property);
          entry.setCamundaValue(value);
          list.addChildElement(entry);
        });
    ((StartEvent) model.getModelElementById("StartEvent_Trigger"))
        .builder()
        .addExtensionElement(list);
    app.getBean(RepositoryService.class)
        .createDeployment()
        .addModelInstance(key + ".bpmn", model)
        .deploy();
    return key;
  }

  /** Watched as the subscription upkeep would, then read once. */
  private void watch(String entitySet) {
    jdbc()
        .update(
            "INSERT INTO bc_watched_set (company_id, entity_set, client_state, created_at)"
                + " VALUES (?, ?, ?, ?)",
            company,
            entitySet,
            UUID.randomUUID().toString(),
            OffsetDateTime.now(ZoneOffset.UTC));
    app.getBean(CatchUpWorker.class).wakeUp();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc()
                        .queryForObject(
                            "SELECT COUNT(*) FROM bc_watched_set WHERE company_id = ?"
                                + " AND last_catch_up_at IS NOT NULL",
                            Long.class,
                            company)
                    == 1);
  }

  private void notify(ChangeType type, UUID id) {
    app.getBean(NotificationInbox.class)
        .store(
            List.of(
                new Notification(
                    0,
                    company,
                    "customers",
                    type,
                    "api/v2.0/companies(" + company + ")/customers(" + id + ")",
                    null,
                    null,
                    0)));
    app.getBean(NotificationWorker.class).wakeUp();
    // One after the other, as Business Central sends them.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.getBean(NotificationInbox.class).pending() == 0);
  }

  private void catchUp(String entitySet) {
    OffsetDateTime before =
        jdbc()
            .queryForObject(
                "SELECT last_catch_up_at FROM bc_watched_set WHERE company_id = ?",
                OffsetDateTime.class,
                company);
    jdbc().update("UPDATE bc_watched_set SET catch_up_due = TRUE WHERE company_id = ?", company);
    app.getBean(CatchUpWorker.class).wakeUp();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc()
                    .queryForObject(
                        "SELECT last_catch_up_at FROM bc_watched_set WHERE company_id = ?",
                        OffsetDateTime.class,
                        company)
                    .isAfter(before));
  }

  /** Runs start in the transaction that delivers their event: once all are delivered, they are. */
  private void awaitEverythingHandled() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc()
                        .queryForObject(
                            "SELECT COUNT(*) FROM erp_record_event WHERE delivered = FALSE",
                            Long.class)
                    == 0);
  }

  private List<HistoricProcessInstance> runsOf(String key) {
    return app.getBean(HistoryService.class)
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(key)
        .list();
  }

  private Map<String, Object> variables(HistoricProcessInstance run) {
    Map<String, Object> variables = new HashMap<>();
    app.getBean(HistoryService.class)
        .createHistoricVariableInstanceQuery()
        .processInstanceId(run.getId())
        .list()
        .forEach(variable -> variables.put(variable.getName(), variable.getValue()));
    return variables;
  }

  private JdbcTemplate jdbc() {
    return app.getBean(JdbcTemplate.class);
  }
}
