package io.stroomlijn.approval;

import java.io.IOException;
import java.io.InputStream;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Deploys the approval step ({@code StroomlijnApproval}, which "Start and wait for an approval"
 * calls) from the application itself, before the flows of {@code processes/}: it is part of
 * Stroomlijn, present whatever folder of flows is configured. Duplicate filtering keeps its version
 * until Stroomlijn ships a changed one.
 */
@Component
@Order(0)
class ApprovalStepDeployer implements ApplicationRunner {

  static final String RESOURCE = "io/stroomlijn/approval/StroomlijnApproval.bpmn";

  private final RepositoryService repository;

  ApprovalStepDeployer(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    try (InputStream bpmn = new ClassPathResource(RESOURCE).getInputStream()) {
      repository
          .createDeployment()
          .name("stroomlijn-approval-step")
          .source("stroomlijn")
          .enableDuplicateFiltering(true)
          .addInputStream("StroomlijnApproval.bpmn", bpmn)
          .deploy();
    }
  }
}
