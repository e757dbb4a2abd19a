package io.stroomlijn.trigger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Record triggers ({@code stroomlijn.triggers.*}). The defaults are declared with the fields, so
 * the generated configuration metadata carries them too.
 *
 * @param logRetention how long the trigger log ({@code GET /api/flows/trigger-log}) keeps an event
 *     and what it did to each flow (as long as run history, by default)
 * @param logCleanupCron when the trigger log is cleaned up: a Spring cron expression (second minute
 *     hour day month weekday) in the server's time zone, {@code -} for never
 */
@ConfigurationProperties("stroomlijn.triggers")
public record TriggerProperties(
    @DefaultValue("P28D") Duration logRetention,
    @DefaultValue("0 25 1 * * *") String logCleanupCron) {}
