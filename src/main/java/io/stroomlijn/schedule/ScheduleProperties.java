package io.stroomlijn.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Scheduled flows.
 *
 * @param timeZone the time zone of timer start events (cron, dates without offset), e.g. {@code
 *     Europe/Amsterdam}; empty: the system's. Applied before the engine starts ({@link
 *     ScheduleTimeZone})
 */
@ConfigurationProperties("stroomlijn.schedule")
public record ScheduleProperties(String timeZone) {}
