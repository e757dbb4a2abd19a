package io.stroomlijn.approval;

import java.util.Map;
import java.util.UUID;

/** A flow for approval tests: one company's sales invoice approval requests, one approval step. */
final class ApprovalTestFlows {

  private ApprovalTestFlows() {}

  static String bpmn(String flowKey, UUID company, String approvers, String type, String dueIn) {
    return bpmn(flowKey, company, approvers, type, dueIn, Map.of());
  }

  /** With more inputs of the approval step, such as {@code remindBefore}. */
  static String bpmn(
      String flowKey,
      UUID company,
      String approvers,
      String type,
      String dueIn,
      Map<String, String> inputs) {
    StringBuilder more = new StringBuilder();
    inputs.forEach(
        (name, value) ->
            more.append("<camunda:in sourceExpression=\"")
                .append(value)
                .append("\" target=\"")
                .append(name)
                .append("\" />"));
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Requested">
              <bpmn:extensionElements><camunda:properties>
                <camunda:property name="trigger.entitySet" value="salesInvoices" />
                <camunda:property name="trigger.event" value="approvalRequested" />
                <camunda:property name="trigger.company" value="%s" />
              </camunda:properties></bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="StartEvent_Requested" targetRef="Activity_Approval" />
            <bpmn:callActivity id="Activity_Approval" calledElement="StroomlijnApproval" camunda:asyncBefore="true">
              <bpmn:extensionElements>
                <camunda:in sourceExpression="${companyId}" target="companyId" />
                <camunda:in sourceExpression="${entitySet}" target="entitySet" />
                <camunda:in sourceExpression="${recordId}" target="recordId" />
                <camunda:in sourceExpression="%s" target="approvers" />
                <camunda:in sourceExpression="%s" target="approvalType" />
                <camunda:in sourceExpression="%s" target="dueIn" />
                <camunda:in sourceExpression="Approve invoice ${record.number}" target="title" />
                <camunda:in sourceExpression="For ${record.customerName}" target="details" />
                %s
                <camunda:out source="outcome" target="outcome" />
                <camunda:out source="responses" target="responses" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="F2" sourceRef="Activity_Approval" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(flowKey, company, approvers, type, dueIn, more);
  }
}
