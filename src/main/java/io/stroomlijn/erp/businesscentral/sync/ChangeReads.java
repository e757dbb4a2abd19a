package io.stroomlijn.erp.businesscentral.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.stroomlijn.erp.businesscentral.BusinessCentralHttp;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sync's reads of Business Central, all through {@link BusinessCentralHttp} (its limits,
 * retries and token) and all under api-url: one record, records by id, and a set page by page
 * through {@code @odata.nextLink}. No database transaction is open while they wait.
 */
final class ChangeReads {

  /** Ids per {@code $filter=id eq .. or id eq ..} request, so its address stays short. */
  static final int IDS_PER_REQUEST = 20;

  /** Business Central's largest page, for reads of ids only. */
  static final int LARGEST_PAGE = 20000;

  private final BusinessCentralHttp http;
  private final ApiAddresses addresses;
  private final RecordVersions versions;
  private final int pageSize;

  ChangeReads(
      BusinessCentralHttp http, ApiAddresses addresses, RecordVersions versions, int pageSize) {
    this.http = http;
    this.addresses = addresses;
    this.versions = versions;
    this.pageSize = pageSize;
  }

  /** One page of a read. */
  record Page(List<RecordVersion> records, OffsetDateTime servedAt, boolean last) {}

  /** Receives pages in order; answering false stops the read (the worker is stopping). */
  interface PageHandler {
    boolean handle(Page page);
  }

  /**
   * The current state of records of one set: a version of each that exists, {@link
   * Observation.Gone} for each that does not (404, or not found by a filter on its id).
   */
  List<Observation> records(UUID companyId, String entitySet, List<UUID> ids) {
    List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
    if (distinct.size() == 1) {
      return List.of(one(companyId, entitySet, distinct.get(0)));
    }
    List<Observation> observations = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += IDS_PER_REQUEST) {
      List<UUID> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_REQUEST));
      Map<UUID, RecordVersion> found = new LinkedHashMap<>();
      OffsetDateTime[] servedAt = new OffsetDateTime[1];
      String filter = String.join(" or ", chunk.stream().map(id -> "id eq " + id).toList());
      pages(
          addresses.collection(companyId, entitySet, "$filter=" + ApiAddresses.encode(filter)),
          entitySet,
          page -> {
            page.records().forEach(version -> found.put(version.id(), version));
            servedAt[0] = page.servedAt();
            return true;
          });
      for (UUID id : chunk) {
        RecordVersion version = found.get(id);
        observations.add(
            version != null
                ? new Observation.Read(version)
                : new Observation.Gone(id, goneAt(servedAt[0])));
      }
    }
    return observations;
  }

  /** One record: its version, or gone when Business Central answers 404. */
  Observation one(UUID companyId, String entitySet, UUID id) {
    BusinessCentralHttp.Response response =
        http.send("GET", addresses.record(companyId, entitySet, id), null, Map.of());
    if (response.status() == 404) {
      return new Observation.Gone(id, goneAt(servedAt(response)));
    }
    JsonNode entity = body(response, entitySet);
    RecordVersion version = versions.fromEntity(entity);
    if (!version.id().equals(id)) {
      throw new SyncReadException(
          response.status(),
          "Business Central answered a read of " + entitySet + "(" + id + ") with another record");
    }
    return new Observation.Read(version);
  }

  /**
   * Reads {@code first} and every page its {@code @odata.nextLink}s lead to (each under api-url),
   * {@code page-size} records a page; returns false when the handler stopped it.
   */
  boolean pages(URI first, String entitySet, PageHandler handler) {
    return pages(first, entitySet, pageSize, handler);
  }

  /** {@link #pages(URI, String, PageHandler)} with pages of up to {@code size} records. */
  boolean pages(URI first, String entitySet, int size, PageHandler handler) {
    Map<String, String> prefer = Map.of("Prefer", "odata.maxpagesize=" + size);
    URI next = first;
    while (next != null) {
      BusinessCentralHttp.Response response = http.send("GET", next, null, prefer);
      JsonNode page = body(response, entitySet);
      List<RecordVersion> records = new ArrayList<>();
      page.path("value").forEach(entity -> records.add(versions.fromEntity(entity)));
      JsonNode link = page.path("@odata.nextLink");
      next = link.isTextual() ? addresses.nextLink(link.asText()) : null;
      if (!handler.handle(new Page(records, servedAt(response), next == null))) {
        return false;
      }
    }
    return true;
  }

  private JsonNode body(BusinessCentralHttp.Response response, String entitySet) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return versions.parse(response.body());
    }
    String detail = "";
    try {
      JsonNode error = versions.parse(response.body()).path("error");
      detail = (error.path("code").asText("") + " " + error.path("message").asText("")).strip();
    } catch (IllegalArgumentException notJson) {
      // the status says enough
    }
    throw new SyncReadException(
        status,
        "Business Central answered HTTP "
            + status
            + " to a read of "
            + entitySet
            + (detail.isEmpty() ? "" : ": " + shorten(detail)));
  }

  /** When Business Central answered, by its own clock ({@code Date}, whole seconds), or null. */
  static OffsetDateTime servedAt(BusinessCentralHttp.Response response) {
    if (response.headers() == null) {
      return null;
    }
    return response
        .headers()
        .firstValue("Date")
        .map(
            date -> {
              try {
                return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toOffsetDateTime()
                    .withOffsetSameInstant(ZoneOffset.UTC);
              } catch (DateTimeParseException e) {
                return null;
              }
            })
        .orElse(null);
  }

  /**
   * When a record was seen gone: the answer's time rounded up to the next second ({@code Date}
   * drops the fraction), so that no version modified before the answer counts as newer.
   */
  private static OffsetDateTime goneAt(OffsetDateTime servedAt) {
    return servedAt != null ? servedAt.plusSeconds(1) : OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static String shorten(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
