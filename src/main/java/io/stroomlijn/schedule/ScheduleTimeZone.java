package io.stroomlijn.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs Stroomlijn in the time zone of {@code stroomlijn.schedule.time-zone} (default: the
 * system's). Camunda reads cron expressions, {@code R/} cycles and dates without an offset in the
 * JVM's default time zone, so this sets that default before the engine starts: a daily 08:00 run
 * stays at 08:00 local time across daylight-saving changes. Log times follow the same zone. It must
 * run this early: Camunda keeps the zone it finds when its date parser is first used.
 */
public class ScheduleTimeZone implements EnvironmentPostProcessor {

  static final String PROPERTY = "stroomlijn.schedule.time-zone";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    // Before any bean exists, so bound here the way the ScheduleProperties bean is bound later.
    String zone =
        Binder.get(environment)
            .bind("stroomlijn.schedule", ScheduleProperties.class)
            .map(ScheduleProperties::timeZone)
            .orElse(null);
    if (zone == null || zone.isBlank()) {
      return;
    }
    ZoneId zoneId = zoneId(zone);
    TimeZone.setDefault(TimeZone.getTimeZone(zoneId));
    // Libraries that read the zone from the system property (Joda-Time) see the same one.
    System.setProperty("user.timezone", zoneId.getId());
  }

  /** The zone named, or a startup failure that names the setting and the value. */
  static ZoneId zoneId(String zone) {
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new IllegalStateException(
          PROPERTY
              + " '"
              + zone
              + "' is not a time zone; use a region such as Europe/Amsterdam or UTC",
          e);
    }
  }
}
