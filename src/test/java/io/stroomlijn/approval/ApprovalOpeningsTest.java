package io.stroomlijn.approval;

import static io.stroomlijn.approval.ApprovalVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Opening an approval, called directly against the running application's ERP and identity service:
 * no flow runs, so what the service decides is seen on its own.
 */
@StroomlijnTest
class ApprovalOpeningsTest {

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired IdentityService identity;
  @Autowired ApprovalOpenings openings;

  ErpFixture erp;
  TestUsers users;
  String invoice;

  @BeforeEach
  void draftInvoiceOf1210() {
    erp = ErpFixture.newCompany(companies, port);
    users = new TestUsers(identity, port);
    String customer = erp.create("customers", Map.of("displayName", "Contoso")).get("id").asText();
    invoice = erp.draftSalesInvoice(customer);
    erp.addSalesInvoiceLine(invoice, erp.item("Widget", "250").get("id").asText(), 4);
  }

  @AfterEach
  void removeUsers() {
    users.removeAll();
  }

  private void sendForApproval() {
    String action = erp.path("salesInvoices", invoice) + "/Microsoft.NAV.sendApprovalRequest";
    assertThat(erp.api().post(action, "").status()).isEqualTo(204);
  }

  private ApprovalOpenings.Inputs inputs(
      String approvers, String type, String dueIn, String approveUpTo, String remindBefore) {
    return new ApprovalOpenings.Inputs(
        "Task_OpenEntries",
        erp.company(),
        "salesInvoices",
        UUID.fromString(invoice),
        approvers,
        type,
        dueIn,
        approveUpTo,
        "true",
        remindBefore,
        "InvoiceApproval");
  }

  @Test
  void opensAnEntryPerApproverAndSetsTheTimersOfAnEscalatingRequest() {
    String ann = users.create("ann");
    String bob = users.create("bob");
    sendForApproval();
    // The engine keeps dates to the millisecond.
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    Map<String, Object> variables =
        openings.open(inputs("user:" + ann + ", " + bob, EVERYONE_TYPE, "P2D", null, "PT1H"));

    assertThat(STILL_PENDING.from(variables)).isTrue();
    assertThat(FIRST_TO_RESPOND.from(variables)).isFalse();
    assertThat(REJECTED.from(variables)).isFalse();
    assertThat(AMOUNT.from(variables)).isEqualTo(1210.0);
    ObjectValue approverIds = (ObjectValue) variables.get(APPROVER_IDS.name());
    assertThat(approverIds.getValueSerialized()).isEqualTo("[\"" + ann + "\",\"" + bob + "\"]");
    Instant due = DUE_DATE.from(variables).toInstant();
    assertThat(due)
        .isBetween(before.plus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(2)));
    assertThat(ESCALATE_AT.from(variables)).isEqualTo(Date.from(due));
    assertThat(EXPIRE_AT.from(variables)).isEqualTo(Date.from(due.plus(Duration.ofDays(2))));
    assertThat(REMIND_AT.from(variables)).isEqualTo(Date.from(due.minus(Duration.ofHours(1))));
    JsonNode entries =
        erp.api()
            .get(
                erp.path("approvalEntries")
                    + ApiClient.query(
                        "$filter", "recordId eq " + invoice, "$orderby", "sequenceNumber"))
            .json()
            .get("value");
    assertThat(entries.findValuesAsText("approverUserName")).containsExactly(ann, bob);
    assertThat(entries.findValuesAsText("approvalCode")).containsOnly("InvoiceApproval");
  }

  @Test
  void aRequestThatIsNoLongerPendingEndsWithCancelWhateverTheInputsSay() {
    Map<String, Object> variables = openings.open(inputs("", "sometimes", "-P1D", null, null));

    assertThat(variables).containsOnlyKeys(STILL_PENDING.name(), OUTCOME.name());
    assertThat(OUTCOME.from(variables)).isEqualTo(CANCEL);
  }

  @Test
  void anAmountWithinApproveUpToIsApprovedWithoutApprovers() {
    sendForApproval();

    Map<String, Object> variables =
        openings.open(inputs(null, FIRST_TO_RESPOND_TYPE, null, "5000", null));

    assertThat(OUTCOME.from(variables)).isEqualTo(APPROVE);
    assertThat(STILL_PENDING.from(variables)).isFalse();
    assertThat(erp.read("salesInvoices", invoice).path("approvalStatus").asText())
        .isEqualTo("Released");
  }

  @Test
  void refusesInputsNamingTheStepAndTheInput() {
    sendForApproval();

    assertThatThrownBy(() -> openings.open(inputs("ann", "sometimes", null, null, null)))
        .hasMessage(
            "Task Task_OpenEntries, input 'approvalType' 'sometimes' is not firstToRespond or"
                + " everyone");
    assertThatThrownBy(() -> openings.open(inputs("ann", EVERYONE_TYPE, "-P1D", null, null)))
        .hasMessage(
            "Task Task_OpenEntries, input 'dueIn' 'PT-24H' must be a positive duration such as"
                + " P3D");
    assertThatThrownBy(() -> openings.open(inputs(" ", EVERYONE_TYPE, null, null, null)))
        .hasMessage("Task Task_OpenEntries, input 'approvers' is required");
  }
}
