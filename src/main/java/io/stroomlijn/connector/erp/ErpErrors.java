package io.stroomlijn.connector.erp;

import io.stroomlijn.erp.ErpException;
import io.stroomlijn.erp.RecordChangedException;
import io.stroomlijn.erp.RecordNotFoundException;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * Refusals of the ERP (record not found, changed by someone else, invalid values) as BPMN errors a
 * flow can catch with a boundary event; their codes are documented in docs/connectors.md. Anything
 * else stays an exception, so the job retries and then raises an incident.
 */
final class ErpErrors {

  static final String RECORD_NOT_FOUND = "RECORD_NOT_FOUND";
  static final String RECORD_CHANGED = "RECORD_CHANGED";
  static final String VALIDATION_FAILED = "VALIDATION_FAILED";

  private ErpErrors() {}

  /** Calls the ERP, turning its refusals into BPMN errors. */
  static <T> T call(Supplier<T> erpCall) {
    try {
      return erpCall.get();
    } catch (ErpException e) {
      throw toBpmnError(e);
    }
  }

  /** Calls the ERP for an action without a result, turning its refusals into BPMN errors. */
  static void run(Runnable erpCall) {
    call(
        () -> {
          erpCall.run();
          return null;
        });
  }

  static BpmnError toBpmnError(ErpException e) {
    String code =
        e instanceof RecordNotFoundException
            ? RECORD_NOT_FOUND
            : e instanceof RecordChangedException ? RECORD_CHANGED : VALIDATION_FAILED;
    return new BpmnError(code, e.getMessage(), e);
  }
}
