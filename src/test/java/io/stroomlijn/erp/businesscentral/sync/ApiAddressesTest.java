package io.stroomlijn.erp.businesscentral.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stroomlijn.erp.businesscentral.sync.ApiAddresses.RefusedResource;
import io.stroomlijn.erp.businesscentral.sync.ApiAddresses.Target;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A notification's resource is read only as a record or set of its watched set under api-url. */
class ApiAddressesTest {

  private static final String API =
      "https://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0";
  private static final String COMPANY_ID = "11111111-2222-3333-4444-555555555555";
  private static final String CUSTOMER_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  private static final UUID COMPANY = UUID.fromString(COMPANY_ID);
  private static final UUID CUSTOMER = UUID.fromString(CUSTOMER_ID);
  private static final String RECORD =
      "companies(" + COMPANY_ID + ")/customers(" + CUSTOMER_ID + ")";

  private final ApiAddresses addresses = new ApiAddresses(URI.create(API));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api/v2.0/" + RECORD,
        "/api/v2.0/" + RECORD,
        "/v2.0/contoso/production/api/v2.0/" + RECORD,
        API + "/" + RECORD,
        "https://API.businesscentral.dynamics.com:443/v2.0/contoso/production/api/v2.0/" + RECORD,
        RECORD
      })
  void aRecordIsReadUnderApiUrlWhicheverWayBusinessCentralWritesIt(String resource) {
    Target target = addresses.resolve(resource, COMPANY, "customers");

    assertThat(target.recordId()).isEqualTo(CUSTOMER);
    assertThat(addresses.record(target.companyId(), target.entitySet(), target.recordId()))
        .isEqualTo(URI.create(API + "/" + RECORD));
  }

  @Test
  void aCollectionKeepsItsFilterWithSpacesEncoded() {
    Target target =
        addresses.resolve(
            "/api/v2.0/companies("
                + COMPANY
                + ")/customers?$filter=lastModifiedDateTime gt 2026-11-29T10:00:00Z",
            COMPANY,
            "customers");

    assertThat(target.isRecord()).isFalse();
    assertThat(addresses.collection(COMPANY, "customers", target.query()))
        .isEqualTo(
            URI.create(
                API
                    + "/companies("
                    + COMPANY
                    + ")/customers?$filter=lastModifiedDateTime%20gt%202026-11-29T10:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://attacker.example/v2.0/contoso/production/api/v2.0/" + RECORD,
        "http://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0/" + RECORD,
        "https://api.businesscentral.dynamics.com:8443/v2.0/contoso/production/api/v2.0/" + RECORD,
        "https://api.businesscentral.dynamics.com/v2.0/other/production/api/v2.0/" + RECORD,
        "https://user@api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0/" + RECORD,
        API + "/../../../other/production/api/v2.0/" + RECORD,
        API + "/%2e%2e/" + RECORD,
        "api/v2.0/" + RECORD + "/../../vendors(" + CUSTOMER_ID + ")",
        "api/v2.0/" + RECORD + "#fragment",
        "//attacker.example/api/v2.0/" + RECORD,
        "api/v2.0/companies(" + COMPANY_ID + ")/vendors(" + CUSTOMER_ID + ")",
        "api/v2.0/companies(99999999-2222-3333-4444-555555555555)/customers(" + CUSTOMER_ID + ")",
        "api/v2.0/" + RECORD + "/Microsoft.NAV.post",
        ""
      })
  void anythingElseIsRefused(String resource) {
    assertThatThrownBy(() -> addresses.resolve(resource, COMPANY, "customers"))
        .isInstanceOf(RefusedResource.class)
        .hasMessageStartingWith("Refused the notification resource");
  }

  @Test
  void aNextLinkIsFollowedOnlyUnderApiUrl() {
    assertThat(addresses.nextLink(API + "/companies(" + COMPANY + ")/customers?$skiptoken=5"))
        .isEqualTo(URI.create(API + "/companies(" + COMPANY + ")/customers?$skiptoken=5"));
    assertThatThrownBy(() -> addresses.nextLink("https://attacker.example/api/v2.0/customers"))
        .isInstanceOf(RefusedResource.class);
    assertThatThrownBy(() -> addresses.nextLink(API + "/../../secrets"))
        .isInstanceOf(RefusedResource.class);
  }
}
