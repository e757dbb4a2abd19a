package io.stroomlijn.erp.businesscentral.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stroomlijn.erp.businesscentral.BusinessCentralApp;
import io.stroomlijn.erp.businesscentral.BusinessCentralDouble;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The subscription upkeep against a Business Central double that makes the handshake with the
 * application's own receiver, wants {@code If-Match} and deletes subscriptions on its own. Each
 * test deploys flows on a company of its own; a pass is run by the test, as the schedule would. The
 * schedule may run a pass of its own meanwhile (it does when the flows change): the double keeps
 * its state, so the tests look at the outcome rather than at which pass made it.
 */
class SubscriptionUpkeepTest {

  private static BusinessCentralApp app;

  private final UUID company = UUID.randomUUID();
  private final List<String> deployments = new ArrayList<>();
  private BusinessCentralDouble bc;
  private SubscriptionUpkeep upkeep;
  private WatchedSets sets;
  private JdbcTemplate jdbc;
  private RepositoryService repository;

  @BeforeAll
  static void application() {
    app = BusinessCentralApp.shared();
  }

  @BeforeEach
  void aCompanyOfItsOwn() {
    bc = app.bc();
    bc.reset();
    bc.company(company, "Upkeep " + company.toString().substring(0, 8));
    upkeep = app.bean(SubscriptionUpkeep.class);
    sets = app.bean(WatchedSets.class);
    jdbc = app.bean(JdbcTemplate.class);
    repository = app.bean(RepositoryService.class);
  }

  @AfterEach
  void noFlowsAndNoWatchedSetsLeft() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    upkeep.pass();
    assertThat(sets.all()).as("the flows are gone, so are their watched sets").isEmpty();
  }

  @Test
  void aWatchedSetIsSubscribedOnceItsRecordsWereReadWithTheHandshakeAnsweredByTheReceiver() {
    flow("customers", "created");

    upkeep.pass();
    WatchedSet watched = set("customers").orElseThrow();
    assertThat(watched.subscribed()).as("not before the first read of its records").isFalse();
    assertThat(bc.requests("POST", "/subscriptions")).isEmpty();

    firstReadDone("customers");
    upkeep.pass();

    WatchedSet subscribed = set("customers").orElseThrow();
    BusinessCentralDouble.Sub atBc = bc.subscription(subscribed.subscriptionId());
    assertThat(atBc).as("the double creates it only after the handshake").isNotNull();
    assertThat(atBc.notificationUrl())
        .isEqualTo("http://localhost:" + app.port() + "/webhooks/business-central");
    assertThat(atBc.resource()).isEqualTo("/api/v2.0/companies(" + company + ")/customers");
    assertThat(atBc.clientState()).isEqualTo(subscribed.clientState()).hasSize(43);
    assertThat(subscribed.subscriptionEtag()).isEqualTo(atBc.etag());
    assertThat(subscribed.expiresAt()).isAfter(OffsetDateTime.now().plusDays(2));
    assertThat(subscribed.catchUpDue()).isTrue();
    assertThat(subscribed.failures()).isZero();
  }

  @Test
  void aFailedHandshakeCountsAsAFailureWithBusinessCentralsReasonAndIsRetried() {
    flow("vendors", "modified");
    upkeep.pass();
    bc.tamperHandshake(true);
    firstReadDone("vendors");

    upkeep.pass();

    WatchedSet failed = set("vendors").orElseThrow();
    assertThat(failed.subscribed()).isFalse();
    assertThat(failed.failures()).isPositive();
    assertThat(failed.lastError())
        .contains("HTTP 400")
        .contains("validation failed")
        .doesNotContain(failed.clientState());

    bc.tamperHandshake(false);
    upkeep.pass();
    assertThat(set("vendors").orElseThrow().subscribed()).isTrue();
    assertThat(set("vendors").orElseThrow().failures()).isZero();
  }

  @Test
  void aSubscriptionIsRenewedWithIfMatchWellBeforeItExpires() {
    WatchedSet subscribed = subscribed("customers");
    expiresIn(subscribed, Duration.ofHours(30));

    upkeep.pass();

    WatchedSet renewed = set("customers").orElseThrow();
    assertThat(bc.requests("PATCH", subscribed.subscriptionId()))
        .isNotEmpty()
        .allSatisfy(patch -> assertThat(patch.ifMatch()).isEqualTo(subscribed.subscriptionEtag()))
        .allSatisfy(patch -> assertThat(patch.status()).isEqualTo(200));
    assertThat(renewed.subscriptionId()).isEqualTo(subscribed.subscriptionId());
    assertThat(renewed.expiresAt()).isAfter(OffsetDateTime.now().plusDays(2));
    assertThat(renewed.subscriptionEtag())
        .isEqualTo(bc.subscription(subscribed.subscriptionId()).etag())
        .isNotEqualTo(subscribed.subscriptionEtag());
    assertThat(renewed.failures()).isZero();
  }

  @Test
  void aRenewalRefusedForAStaleEtagReadsTheSubscriptionAndRenewsItOnceMore() {
    WatchedSet subscribed = subscribed("customers");
    bc.touch(subscribed.subscriptionId());
    expiresIn(subscribed, Duration.ofHours(30));

    upkeep.pass();

    assertThat(bc.requests("PATCH", subscribed.subscriptionId()))
        .extracting(BusinessCentralDouble.Request::status)
        .containsExactly(412, 200);
    WatchedSet renewed = set("customers").orElseThrow();
    assertThat(renewed.expiresAt()).isAfter(OffsetDateTime.now().plusDays(2));
    assertThat(renewed.failures()).isZero();
  }

  @Test
  void aSubscriptionBusinessCentralDeletedIsCreatedAgainAndACatchUpIsDue() {
    WatchedSet subscribed = subscribed("customers");
    jdbc.update("UPDATE bc_watched_set SET catch_up_due = FALSE WHERE company_id = ?", company);
    bc.forget(subscribed.subscriptionId());

    upkeep.pass();

    WatchedSet recreated = set("customers").orElseThrow();
    assertThat(recreated.subscriptionId()).isNotNull().isNotEqualTo(subscribed.subscriptionId());
    assertThat(bc.subscription(recreated.subscriptionId()).clientState())
        .isEqualTo(subscribed.clientState());
    assertThat(recreated.catchUpDue()).isTrue();
  }

  @Test
  void aSubscriptionWhoseCreationAnswerWasLostIsFoundAgainRatherThanMadeTwice() {
    flow("customers", "created");
    upkeep.pass();
    WatchedSet watched = set("customers").orElseThrow();
    BusinessCentralDouble.Sub made =
        bc.add(
            "http://localhost:" + app.port() + "/webhooks/business-central",
            "/api/v2.0/companies(" + company + ")/customers",
            watched.clientState());
    firstReadDone("customers");

    upkeep.pass();

    assertThat(set("customers").orElseThrow().subscriptionId()).isEqualTo(made.id());
    assertThat(set("customers").orElseThrow().catchUpDue()).isTrue();
    assertThat(bc.requests("POST", "/subscriptions")).isEmpty();
    assertThat(bc.subscriptions()).hasSize(1);
  }

  @Test
  void aSetNoActiveFlowNeedsIsUnsubscribedWithIfMatchAndNoLongerWatched() {
    WatchedSet subscribed = subscribed("customers");

    deployments.forEach(id -> repository.deleteDeployment(id, true));
    deployments.clear();
    upkeep.pass();

    assertThat(bc.subscription(subscribed.subscriptionId())).isNull();
    assertThat(bc.requests("DELETE", subscribed.subscriptionId()))
        .extracting(BusinessCentralDouble.Request::ifMatch)
        .containsExactly(subscribed.subscriptionEtag());
    assertThat(set("customers")).isEmpty();
  }

  @Test
  void subscriptionsOfOtherIntegrationsAreNeverChangedOrDeleted() {
    String ours = "http://localhost:" + app.port() + "/webhooks/business-central";
    String resource = "/api/v2.0/companies(" + company + ")/customers";
    BusinessCentralDouble.Sub theirs =
        bc.add("https://other-integration.example/hook", resource, "their-state");
    BusinessCentralDouble.Sub stale = bc.add(ours, resource, "a-state-of-no-watched-set");
    WatchedSet subscribed = subscribed("customers");
    expiresIn(subscribed, Duration.ofHours(1));
    upkeep.pass();

    deployments.forEach(id -> repository.deleteDeployment(id, true));
    deployments.clear();
    upkeep.pass();

    assertThat(subscribed.subscriptionId()).isNotIn(theirs.id(), stale.id());
    assertThat(bc.subscription(theirs.id())).isEqualTo(theirs);
    assertThat(bc.subscription(stale.id())).isEqualTo(stale);
    assertThat(bc.requests())
        .filteredOn(r -> !r.method().equals("GET") && !r.method().equals("POST"))
        .extracting(BusinessCentralDouble.Request::path)
        .noneMatch(path -> path.contains(theirs.id()) || path.contains(stale.id()));
  }

  @Test
  void beyondMaxSubscriptionsTheNewestSetsAreWatchedByCatchUpOnlyAndSaySo() {
    List<String> entitySets = List.of("customers", "vendors", "items", "employees");
    entitySets.forEach(set -> flow(set, "created"));
    upkeep.pass();
    entitySets.forEach(this::firstReadDone);

    upkeep.pass();

    List<WatchedSet> watched = sets.all();
    assertThat(watched).hasSize(4);
    assertThat(watched)
        .filteredOn(WatchedSet::subscribed)
        .hasSize(BusinessCentralApp.MAX_SUBSCRIPTIONS);
    WatchedSet left = watched.stream().filter(set -> !set.subscribed()).findFirst().orElseThrow();
    assertThat(left.lastError())
        .contains("max-subscriptions (" + BusinessCentralApp.MAX_SUBSCRIPTIONS + ")")
        .contains("catch-up");
    assertThat(left.failures()).isZero();
    assertThat(bc.subscriptions()).hasSize(BusinessCentralApp.MAX_SUBSCRIPTIONS);
  }

  @Test
  void aNewlyDeployedFlowsSetIsWatchedWithinSecondsWithoutWaitingForTheInterval() {
    flow("salesOrders", "modified");

    await().atMost(Duration.ofSeconds(15)).until(() -> set("salesOrders").isPresent());
  }

  /** A watched set whose first read is done and whose subscription the double has. */
  private WatchedSet subscribed(String entitySet) {
    flow(entitySet, "created");
    upkeep.pass();
    firstReadDone(entitySet);
    upkeep.pass();
    WatchedSet subscribed = set(entitySet).orElseThrow();
    assertThat(subscribed.subscribed()).as(String.valueOf(subscribed.lastError())).isTrue();
    return subscribed;
  }

  /** What the record sync does after the first read of a set's records. */
  private void firstReadDone(String entitySet) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update(
        "UPDATE bc_watched_set SET baseline_read_at = ?, watermark = ?"
            + " WHERE company_id = ? AND entity_set = ?",
        now,
        now,
        company,
        entitySet);
  }

  /** Time passed: the subscription has this much left. */
  private void expiresIn(WatchedSet set, Duration left) {
    jdbc.update(
        "UPDATE bc_watched_set SET expires_at = ? WHERE company_id = ? AND entity_set = ?",
        OffsetDateTime.now(ZoneOffset.UTC).plus(left),
        company,
        set.entitySet());
  }

  private Optional<WatchedSet> set(String entitySet) {
    return sets.all().stream()
        .filter(set -> set.companyId().equals(company) && set.entitySet().equals(entitySet))
        .findFirst();
  }

  /** Deploys a flow started by the record event in this test's company. */
  private void flow(String entitySet, String event) {
    String key = "BcUpkeep_" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(key)
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Trigger")
            .message("erp." + entitySet + "." + event)
            .endEvent("EndEvent_Done")
            .done();
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    CamundaProperty companyProperty = model.newInstance(CamundaProperty.class);
    companyProperty.setCamundaName("trigger.company");
    companyProperty.setCamundaValue(company.toString());
    properties.addChildElement(companyProperty);
    model
        .<StartEvent>getModelElementById("StartEvent_Trigger")
        .builder()
        .addExtensionElement(properties);
    deployments.add(
        repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId());
  }
}
