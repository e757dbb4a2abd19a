package io.stroomlijn.flow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.erp.ErpConnector;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * processes/examples/WeekdayOverdueInvoicesDigest.bpmn: its timer falls on weekday mornings, and
 * when it fires the digest is composed and sent.
 */
@StroomlijnTest
class WeekdayOverdueInvoicesDigestTest {

  static final String FLOW = "WeekdayOverdueInvoicesDigest";
  static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;
  TestUsers users;

  @BeforeEach
  void creditController() {
    users = new TestUsers(identity, port);
  }

  @AfterEach
  void removeUsers() {
    users.removeAll();
    repository.activateProcessDefinitionByKey("SalesInvoiceApproval");
  }

  @Autowired Companies companies;
  @Autowired ErpConnector erpConnector;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired ProcessEngineConfiguration configuration;

  @Test
  void itsTimerFallsOnWeekdaysAtEightAndSkipsTheWeekend() {
    Job timer = management.createJobQuery().processDefinitionKey(FLOW).timers().singleResult();
    JobExecutor executor = ((ProcessEngineConfigurationImpl) configuration).getJobExecutor();
    // the engine clock moves to December 2026; no other timer may fire meanwhile
    executor.shutdown();
    try {
      // from Monday 00:00, each next fire time as the engine computes it when the last one fired
      ClockUtil.setCurrentTime(amsterdam("2026-12-07T00:00"));
      List<LocalDateTime> fireTimes = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        management.recalculateJobDuedate(timer.getId(), false);
        Date due = management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate();
        fireTimes.add(LocalDateTime.ofInstant(due.toInstant(), AMSTERDAM));
        ClockUtil.setCurrentTime(new Date(due.getTime() + 1000));
      }

      assertThat(fireTimes)
          .extracting(LocalDateTime::toString)
          .containsExactly(
              "2026-12-07T08:00", // Monday
              "2026-12-08T08:00",
              "2026-12-09T08:00",
              "2026-12-10T08:00",
              "2026-12-11T08:00", // Friday
              "2026-12-14T08:00", // Monday: Saturday and Sunday skipped
              "2026-12-15T08:00");
      ClockUtil.setCurrentTime(amsterdam("2026-12-12T07:59"));
      management.recalculateJobDuedate(timer.getId(), false);
      assertThat(management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate())
          .as("on a Saturday before eight")
          .isEqualTo(amsterdam("2026-12-14T08:00"));
    } finally {
      ClockUtil.reset();
      management.recalculateJobDuedate(timer.getId(), false);
      executor.start();
    }
  }

  private static Date amsterdam(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(AMSTERDAM).toInstant());
  }

  @Test
  void whenItsTimerFiresItEmailsTheOverdueInvoicesToCreditControl() throws Exception {
    String controller = users.create("controller", users.group("credit-control"));
    // the example "Sales invoice approval" would require this invoice to be approved first
    repository.suspendProcessDefinitionByKey("SalesInvoiceApproval");
    ErpFixture erp = ErpFixture.namedCompany(companies, erpConnector, "CRONUS NL", port);
    String customer =
        erp.create("customers", Map.of("displayName", "Late Payer")).get("id").asText();
    String item = erp.item("Widget", "100").get("id").asText();
    String invoice = erp.draftSalesInvoice(customer);
    erp.addSalesInvoiceLine(invoice, item, 1);
    erp.api()
        .patch(
            erp.path("salesInvoices", invoice),
            Map.of("dueDate", LocalDate.now().minusDays(10).toString()),
            "If-Match",
            "*");
    erp.api().post(erp.path("salesInvoices", invoice) + "/Microsoft.NAV.post", "");

    Job timer = management.createJobQuery().processDefinitionKey(FLOW).timers().singleResult();
    assertThat(timer.getDuedate()).isAfter(new java.util.Date());
    assertThat(timer.getDuedate().toInstant().atZone(java.time.ZoneId.systemDefault()).getHour())
        .isEqualTo(8);
    management.executeJob(timer.getId());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                history
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(FLOW)
                        .completed()
                        .count()
                    > 0);
    HistoricProcessInstance run =
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(FLOW)
            .completed()
            .list()
            .get(0);
    String digest =
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(run.getId())
            .variableName("digest")
            .singleResult()
            .getValue()
            .toString();
    assertThat(digest).matches("\\d+ overdue sales invoice\\(s\\) in CRONUS NL on .*");
    assertThat(digest).contains("Late Payer");
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(GreenMailUtil.getAddressList(mail.getAllRecipients()))
        .isEqualTo(TestUsers.email(controller));
    assertThat(mail.getSubject()).startsWith("Overdue sales invoices, ");
    assertThat(GreenMailUtil.getBody(mail).trim()).isEqualTo(digest);
  }
}
