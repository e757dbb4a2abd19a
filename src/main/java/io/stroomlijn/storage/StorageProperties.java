package io.stroomlijn.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How commits on an embedded H2 file reach the disk (no effect on PostgreSQL or H2 in memory).
 *
 * @param h2DurableCommits each commit is written before it is acknowledged; false leaves H2's own
 *     delayed writes (a crash may lose the last half second)
 * @param h2ForceToDisk each group store is forced to disk (fsync), so commits survive a power cut;
 *     false survives a killed process only
 */
@ConfigurationProperties("stroomlijn.storage")
public record StorageProperties(
    @DefaultValue("true") boolean h2DurableCommits, @DefaultValue("true") boolean h2ForceToDisk) {}
