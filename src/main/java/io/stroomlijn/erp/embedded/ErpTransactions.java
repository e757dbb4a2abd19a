package io.stroomlijn.erp.embedded;

import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.embedded.records.ChangeLog;
import io.stroomlijn.erp.embedded.records.WriteContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of ERP writes. A write runs in a transaction of its own, or, when the caller has
 * one (a flow's step), in a savepoint of it: a refused change then undoes only itself and raises no
 * events, and the flow can handle the refusal (a BPMN error) and still commit the rest of its work.
 */
@Component
public class ErpTransactions {

  private final Companies companies;
  private final TransactionTemplate transaction;
  private final ChangeLog changeLog;

  ErpTransactions(Companies companies, TransactionTemplate transaction, ChangeLog changeLog) {
    this.companies = companies;
    this.transaction = new TransactionTemplate(transaction.getTransactionManager());
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.changeLog = changeLog;
  }

  /** Runs a write in a company by a user (or flow). */
  public <T> T write(UUID companyId, String user, Function<WriteContext, T> work) {
    if (!companies.exists(companyId)) {
      throw new RecordNotFoundException("The company with id " + companyId + " does not exist.");
    }
    WriteContext context =
        new WriteContext(companyId, user == null ? "" : user, OffsetDateTime.now(ZoneOffset.UTC));
    return transaction.execute(
        status -> {
          Runnable restoreChanges = changeLog.checkpoint();
          try {
            return work.apply(context);
          } catch (RuntimeException e) {
            restoreChanges.run();
            throw e;
          }
        });
  }
}
