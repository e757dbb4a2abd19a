package io.stroomlijn.erp.businesscentral.webhooks;

import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordEventInterests.Interest;
import io.stroomlijn.erp.RecordEventType;
import io.stroomlijn.erp.businesscentral.BusinessCentralProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which company's entity sets need watching: for each interest in a record event that Business
 * Central's webhooks report, its entity set in the company it names, or in every company that
 * {@code companies} lets in. {@code approvalRequested} and {@code approvalCanceled} are no webhook
 * events of Business Central (its approvals come from its workflow webhooks), so they need no
 * watched set.
 *
 * @param sets the watched sets needed, in the order the interests and companies came
 * @param companyNames the name of each company Business Central has
 * @param problems what could not be watched and why (an unknown company, a malformed entity set, a
 *     {@code companies} entry naming nothing), for the status
 */
record WatchedSetDemand(
    Set<WatchedSet.Key> sets, Map<UUID, String> companyNames, List<String> problems) {

  /** The record events that Business Central's webhooks (and catch-up reads) report. */
  static final Set<RecordEventType> WATCHED_EVENTS =
      EnumSet.of(
          RecordEventType.CREATED,
          RecordEventType.MODIFIED,
          RecordEventType.DELETED,
          RecordEventType.POSTED);

  private static final int MAX_ENTITY_SET = 50;
  private static final String SETTING = BusinessCentralProperties.PREFIX + "companies";

  /** Whether any of these interests needs a watched set. */
  static boolean anyWatched(Collection<Interest> interests) {
    return interests.stream().anyMatch(interest -> WATCHED_EVENTS.contains(interest.event()));
  }

  static WatchedSetDemand of(
      Collection<Interest> interests, List<Record> companies, List<String> allowedSetting) {
    Map<UUID, String> names = new LinkedHashMap<>();
    companies.forEach(company -> names.put(company.id(), company.getString("name")));
    List<String> problems = new ArrayList<>();
    Set<UUID> allowed = allowed(names, allowedSetting, problems);
    Set<WatchedSet.Key> sets = new LinkedHashSet<>();
    for (Interest interest : interests) {
      if (!WATCHED_EVENTS.contains(interest.event())) {
        continue;
      }
      String entitySet = interest.entitySet();
      if (entitySet == null
          || entitySet.length() > MAX_ENTITY_SET
          || !entitySet.matches("[A-Za-z][A-Za-z0-9]*")) {
        problems.add("'" + entitySet + "' is not an entity set that can be watched");
        continue;
      }
      if (!interest.namesCompany()) {
        allowed.forEach(company -> sets.add(new WatchedSet.Key(company, entitySet)));
        continue;
      }
      UUID company = named(interest, names);
      if (company == null) {
        problems.add(
            "A trigger on "
                + entitySet
                + " names the company '"
                + (interest.companyId() != null ? interest.companyId() : interest.companyName())
                + "', which Business Central does not have");
      } else if (!allowed.contains(company)) {
        problems.add(
            "A trigger on "
                + entitySet
                + " names the company '"
                + names.get(company)
                + "', which "
                + SETTING
                + " leaves out");
      } else {
        sets.add(new WatchedSet.Key(company, entitySet));
      }
    }
    return new WatchedSetDemand(sets, names, List.copyOf(new LinkedHashSet<>(problems)));
  }

  /** The companies the setting lets in (all when it is empty), by id or by name. */
  private static Set<UUID> allowed(
      Map<UUID, String> names, List<String> setting, List<String> problems) {
    if (setting.isEmpty()) {
      return new LinkedHashSet<>(names.keySet());
    }
    Set<UUID> allowed = new LinkedHashSet<>();
    for (String entry : setting) {
      String wanted = entry == null ? "" : entry.strip();
      List<UUID> matches =
          names.entrySet().stream()
              .filter(
                  company ->
                      company.getKey().toString().equalsIgnoreCase(wanted)
                          || wanted.equals(company.getValue()))
              .map(Map.Entry::getKey)
              .toList();
      if (matches.isEmpty()) {
        problems.add(SETTING + " names '" + wanted + "', which is no company of Business Central");
      }
      allowed.addAll(matches);
    }
    return allowed;
  }

  private static UUID named(Interest interest, Map<UUID, String> names) {
    if (interest.companyId() != null) {
      return names.containsKey(interest.companyId()) ? interest.companyId() : null;
    }
    return names.entrySet().stream()
        .filter(company -> interest.companyName().equals(company.getValue()))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
