package io.stroomlijn.erp.businesscentral.webhooks;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One notification from Business Central as the inbox keeps it: which watched set it is about, what
 * happened and the resource to read (one record, or a collection's filtered set).
 *
 * @param id the inbox row, 0 before it is stored
 * @param companyId the company of the watched set
 * @param entitySet the entity set of the watched set, such as {@code customers}
 * @param changeType what happened
 * @param resource the resource as Business Central sent it, such as {@code
 *     api/v2.0/companies(..)/customers(..)} or, for a collection, the set with a $filter
 * @param lastModified the notification's lastModifiedDateTime, when it had one
 * @param receivedAt when the receiver stored it
 * @param attempts failed attempts at reading it so far
 */
public record Notification(
    long id,
    UUID companyId,
    String entitySet,
    ChangeType changeType,
    String resource,
    OffsetDateTime lastModified,
    OffsetDateTime receivedAt,
    int attempts) {}
