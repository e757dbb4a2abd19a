package io.stroomlijn.trigger;

import io.stroomlijn.erp.RecordEventInterests;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The record events the flows that are on listen to, from their triggers: what Business Central's
 * webhook subscriptions follow.
 */
@Component
class FlowTriggerInterests implements RecordEventInterests {

  private final FlowTriggerCatalog catalog;

  FlowTriggerInterests(FlowTriggerCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Set<Interest> current() {
    Set<Interest> interests = new LinkedHashSet<>();
    for (FlowTrigger trigger : catalog.current().all()) {
      if (!trigger.suspended()) {
        interests.add(
            new Interest(
                trigger.message().entitySet(),
                trigger.message().event(),
                trigger.company(),
                trigger.companyName()));
      }
    }
    return interests;
  }
}
