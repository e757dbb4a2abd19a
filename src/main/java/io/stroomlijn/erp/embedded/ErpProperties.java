package io.stroomlijn.erp.embedded;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded ERP.
 *
 * @param demoData create a demo company with customers, vendors, items and a draft invoice on
 *     first start
 * @param maxRequestSize largest request body the ERP API accepts; larger ones get 413
 * @param maxPageSize most records in one page of a collection; the rest follow through {@code
 *     @odata.nextLink}
 * @param taxRates tax (VAT) percentages by tax code, for document lines' {@code taxCode}
 * @param eventRetention how long delivered record events are kept in the outbox
 * @param eventCleanupCron when delivered record events older than that are removed (default
 *     nightly at 01:20; {@code -} never)
 * @param webClientUrl the address of the ERP's web client, which record links ({@code
 *     webClientUrl}) start with: Business Central's is {@code
 *     https://businesscentral.dynamics.com/{tenant}/{environment}/}
 */
@ConfigurationProperties("stroomlijn.erp")
public record ErpProperties(
    boolean demoData,
    DataSize maxRequestSize,
    int maxPageSize,
    Map<String, BigDecimal> taxRates,
    Duration eventRetention,
    URI webClientUrl,
    @DefaultValue("0 20 1 * * *") String eventCleanupCron) {

  public ErpProperties {
    if (maxRequestSize == null) {
      maxRequestSize = DataSize.ofMegabytes(1);
    }
    if (maxPageSize <= 0) {
      maxPageSize = 20000;
    }
    taxRates = taxRates == null ? Map.of() : Map.copyOf(taxRates);
    if (eventRetention == null) {
      eventRetention = Duration.ofDays(28);
    }
    if (webClientUrl == null) {
      webClientUrl = URI.create("http://localhost:8080/erp/");
    }
  }
}
