package io.stroomlijn.erp.embedded.document;

import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.embedded.ErpProperties;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Tax (VAT) percentages by tax code, from {@code stroomlijn.erp.tax-rates}. */
@Component
public class TaxRates {

  private final Map<String, BigDecimal> byCode = new TreeMap<>();

  public TaxRates(ErpProperties properties) {
    properties.taxRates().forEach((code, rate) -> byCode.put(code.toUpperCase(Locale.ROOT), rate));
  }

  /** The percentage of a tax code; a blank code is untaxed, an unknown one is refused. */
  public BigDecimal percent(String taxCode) {
    if (taxCode == null || taxCode.isBlank()) {
      return BigDecimal.ZERO;
    }
    BigDecimal rate = byCode.get(taxCode.toUpperCase(Locale.ROOT));
    if (rate == null) {
      throw new InvalidRequestException(
          "BadRequest_InvalidValue",
          "taxCode",
          "The tax code '"
              + taxCode
              + "' does not exist. Known tax codes: "
              + String.join(", ", byCode.keySet())
              + ".");
    }
    return rate;
  }
}
