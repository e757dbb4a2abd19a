package io.stroomlijn.erp.businesscentral.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Stroomlijn keeps up with changes in Business Central (with {@code
 * stroomlijn.erp.connector=business-central}); the same prefix as the connection's settings.
 *
 * @param upkeepInterval how often the subscriptions are checked against the active flows, renewed
 *     and re-created (1 minute)
 * @param renewBefore a subscription is renewed when it has less than this left of its three days (2
 *     days: renewed about once a day, so a failing renewal has two days of retries)
 * @param catchUpInterval how often each watched set is read for changes since its watermark (5
 *     minutes); also what finds changes while no notification URL is set
 * @param catchUpOverlap how far before the watermark a catch-up reads again, for changes whose
 *     modification time was set before a later change's but committed after it (5 minutes; the
 *     dedup makes reading again harmless)
 * @param pageSize records asked for per page in collection, catch-up and first reads (1,000;
 *     Business Central serves at most 20,000)
 * @param notificationAttempts attempts at reading one notification's records before it stays in the
 *     inbox as failed, shown by the status endpoint and retried at the next catch-up (10)
 * @param deletionCheckInterval how often (and at start) each watched set's ids are compared with
 *     the records seen, to find deletions whose notification was lost: a filter on modification
 *     time cannot find a deleted record (1 hour; one id-only read of up to 20,000 records a page)
 */
@ConfigurationProperties("stroomlijn.business-central")
public record RecordSyncProperties(
    @DefaultValue("PT1M") Duration upkeepInterval,
    @DefaultValue("P2D") Duration renewBefore,
    @DefaultValue("PT5M") Duration catchUpInterval,
    @DefaultValue("PT5M") Duration catchUpOverlap,
    @DefaultValue("1000") int pageSize,
    @DefaultValue("10") int notificationAttempts,
    @DefaultValue("PT1H") Duration deletionCheckInterval) {}
