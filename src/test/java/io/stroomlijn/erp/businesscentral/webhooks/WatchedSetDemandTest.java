package io.stroomlijn.erp.businesscentral.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordEventInterests.Interest;
import io.stroomlijn.erp.RecordEventType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which companies' entity sets the active flows' triggers need watched. */
class WatchedSetDemandTest {

  private static final UUID NL = UUID.randomUUID();
  private static final UUID BE = UUID.randomUUID();
  private static final List<Record> COMPANIES =
      List.of(company(NL, "CRONUS NL"), company(BE, "CRONUS BE"));

  @Test
  void aTriggerWithoutCompanyWatchesItsSetInEveryCompanyTheSettingLetsIn() {
    Interest vendors = new Interest("vendors", RecordEventType.MODIFIED, null, null);

    assertThat(WatchedSetDemand.of(List.of(vendors), COMPANIES, List.of()).sets())
        .containsExactlyInAnyOrder(key(NL, "vendors"), key(BE, "vendors"));
    assertThat(WatchedSetDemand.of(List.of(vendors), COMPANIES, List.of("CRONUS BE")).sets())
        .containsExactly(key(BE, "vendors"));
    assertThat(WatchedSetDemand.of(List.of(vendors), COMPANIES, List.of(NL.toString())).sets())
        .containsExactly(key(NL, "vendors"));
  }

  @Test
  void aTriggerNamingACompanyByIdOrNameWatchesThatOneOnly() {
    WatchedSetDemand demand =
        WatchedSetDemand.of(
            List.of(
                new Interest("customers", RecordEventType.CREATED, BE, null),
                new Interest("items", RecordEventType.DELETED, null, "CRONUS NL"),
                new Interest("salesInvoices", RecordEventType.POSTED, null, "CRONUS NL")),
            COMPANIES,
            List.of());

    assertThat(demand.sets())
        .containsExactly(key(BE, "customers"), key(NL, "items"), key(NL, "salesInvoices"));
    assertThat(demand.problems()).isEmpty();
    assertThat(demand.companyNames()).containsEntry(NL, "CRONUS NL");
  }

  @Test
  void approvalEventsNeedNoWatchedSetBeingNoWebhooksOfBusinessCentral() {
    WatchedSetDemand demand =
        WatchedSetDemand.of(
            List.of(
                new Interest("salesOrders", RecordEventType.APPROVAL_REQUESTED, null, null),
                new Interest("salesOrders", RecordEventType.APPROVAL_CANCELED, null, null)),
            COMPANIES,
            List.of());

    assertThat(demand.sets()).isEmpty();
    assertThat(demand.problems()).isEmpty();
  }

  @Test
  void whatCannotBeWatchedIsSaidAndTheRestIsWatched() {
    WatchedSetDemand demand =
        WatchedSetDemand.of(
            List.of(
                new Interest("customers", RecordEventType.CREATED, null, "CRONUS DE"),
                new Interest("customers", RecordEventType.CREATED, BE, null),
                new Interest("cust omers", RecordEventType.CREATED, null, null),
                new Interest("vendors", RecordEventType.CREATED, NL, null)),
            COMPANIES,
            List.of("CRONUS NL", "CRONUS FR"));

    assertThat(demand.sets()).containsExactly(key(NL, "vendors"));
    assertThat(demand.problems())
        .anySatisfy(problem -> assertThat(problem).contains("'CRONUS DE'", "does not have"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains("'CRONUS BE'", "stroomlijn.business-central.companies leaves out"))
        .anySatisfy(problem -> assertThat(problem).contains("'cust omers'"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains("stroomlijn.business-central.companies names 'CRONUS FR'"));
  }

  private static WatchedSet.Key key(UUID company, String entitySet) {
    return new WatchedSet.Key(company, entitySet);
  }

  private static Record company(UUID id, String name) {
    return new Record("companies", id, null, Map.of("id", id, "name", name));
  }
}
