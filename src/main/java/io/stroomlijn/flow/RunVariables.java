package io.stroomlijn.flow;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The variables a run may carry, declared once for every feature (DESIGN.md, "Record triggers" and
 * "Instant flows"). A triggered run gets all of them but {@link #STARTED_BY} and {@link
 * #WEB_CLIENT_URL}; an instant run gets {@link #COMPANY_ID}, {@link #ENTITY_SET}, {@link
 * #RECORD_ID}, {@link #RECORD}, {@link #STARTED_BY} and {@link #WEB_CLIENT_URL}. ERP actions and
 * the approval step take the record's company, entity set and id as inputs of the same names, so a
 * task without them works on the run's own record.
 *
 * <p>Read and write them through the accessors, never by name: {@code
 * RunVariables.RECORD_ID.from(execution)} is a {@link UUID}, whatever the engine stores.
 */
public final class RunVariables {

  /** The record's company (a GUID). */
  public static final RunVariable<UUID> COMPANY_ID = RunVariable.guid(Names.COMPANY_ID);

  /** The record's entity set, such as {@code vendors}. */
  public static final RunVariable<String> ENTITY_SET = RunVariable.text(Names.ENTITY_SET);

  /** The record's id (a GUID). */
  public static final RunVariable<UUID> RECORD_ID = RunVariable.guid(Names.RECORD_ID);

  /** The record's fields: after the change, before it for {@code deleted}. */
  public static final RunVariable<Map<String, Object>> RECORD = RunVariable.jsonObject("record");

  /** The event that started a triggered run: {@code created}, {@code modified}, ... */
  public static final RunVariable<String> EVENT_TYPE = RunVariable.text("eventType");

  /** The id of that event, also the run's business key. */
  public static final RunVariable<UUID> EVENT_ID = RunVariable.guid("eventId");

  /** Who made the change. */
  public static final RunVariable<String> CHANGED_BY = RunVariable.text("changedBy");

  /** When the change was made. */
  public static final RunVariable<Date> CHANGED_AT = RunVariable.date("changedAt");

  /** The record's fields before the change ({@code modified} and {@code posted} only). */
  public static final RunVariable<Map<String, Object>> PREVIOUS_RECORD =
      RunVariable.jsonObject("previousRecord");

  /** The names of the fields that changed ({@code modified} and {@code posted} only). */
  public static final RunVariable<List<String>> CHANGED_FIELDS =
      RunVariable.jsonList("changedFields");

  /** The user who started an instant run; ERP changes of the run are made in their name. */
  public static final RunVariable<String> STARTED_BY = RunVariable.text("startedBy");

  /** The record's page in the ERP's web client (instant runs). */
  public static final RunVariable<String> WEB_CLIENT_URL = RunVariable.text("webClientUrl");

  private RunVariables() {}

  /**
   * The names of the variables that are also inputs of actions, as constants for annotations such
   * as {@code @ActionTemplate}. Elsewhere use the accessors above.
   */
  public static final class Names {

    /** See {@link RunVariables#COMPANY_ID}. */
    public static final String COMPANY_ID = "companyId";

    /** See {@link RunVariables#ENTITY_SET}. */
    public static final String ENTITY_SET = "entitySet";

    /** See {@link RunVariables#RECORD_ID}. */
    public static final String RECORD_ID = "recordId";

    private Names() {}
  }
}
