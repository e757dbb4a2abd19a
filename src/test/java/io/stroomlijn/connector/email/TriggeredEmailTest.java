package io.stroomlijn.connector.email;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stroomlijn.connector.ActionFlows;
import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.ReceivedMails;
import io.stroomlijn.support.StroomlijnTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Emails from flows started by record events. The relay starts the runs of a batch of events in one
 * transaction, each in a savepoint: a run that fails to start is undone alone, and so must its
 * email be.
 */
@StroomlijnTest
class TriggeredEmailTest {

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

  @Autowired RepositoryService repository;
  @Autowired Companies companies;
  @LocalServerPort int port;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void aRunThatFailsToStartSendsNothingWhileTheOthersOfItsBatchSend() throws Exception {
    ErpFixture erp = ErpFixture.newCompany(companies, port);
    String company = erp.company().toString();
    deploy(
        triggeredBy(
            company,
            ActionFlows.of("MailOnCustomerThenFail", "sendEmailDelegate")
                .input("to", "sales@cronus.test")
                .input("subject", "Failed run for ${record.displayName}")
                .failingAfterwards()));
    deploy(
        triggeredBy(
            company,
            ActionFlows.of("MailOnCustomer", "sendEmailDelegate")
                .input("to", "sales@cronus.test")
                .input("subject", "New customer ${record.displayName}")));

    erp.create("customers", Map.of("displayName", "Adatum"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> withSubject("New customer Adatum").size() == 1);
    // Both runs' mails would go out at the batch's commit, one after the other: give the failed
    // run's the time to arrive if it were sent.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> withSubject("Failed run for Adatum").isEmpty());
  }

  private static BpmnModelInstance triggeredBy(String company, ActionFlows flow) {
    BpmnModelInstance model = flow.model();
    StartEvent start = model.getModelElementById("StartEvent_1");
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    for (String[] entry :
        new String[][] {
          {"trigger.entitySet", "customers"},
          {"trigger.event", "created"},
          {"trigger.company", company}
        }) {
      CamundaProperty property = model.newInstance(CamundaProperty.class);
      property.setCamundaName(entry[0]);
      property.setCamundaValue(entry[1]);
      properties.addChildElement(property);
    }
    start.builder().addExtensionElement(properties);
    return model;
  }

  private void deploy(BpmnModelInstance model) {
    deployments.add(
        repository.createDeployment().addModelInstance("Triggered.bpmn", model).deploy().getId());
  }

  private List<MimeMessage> withSubject(String subject) {
    return ReceivedMails.withSubject(smtp, subject);
  }
}
