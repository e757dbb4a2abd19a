package io.stroomlijn.erp.embedded.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.businesscentral.webhooks.WatchedSet;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The resource the Business Central connector subscribes to is one that Business Central's
 * protocol, as the embedded ERP implements it, accepts: relative to the environment, whatever the
 * api-url's host and tenant path.
 */
class BusinessCentralSubscriptionResourceTest {

  private static final UUID COMPANY = UUID.fromString("6b1f5c3e-0000-4a5b-9c8d-112233445566");

  @Test
  void theConnectorsResourceParsesAsTheCompanysEntitySet() {
    for (String apiUrl :
        List.of(
            "https://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0",
            "https://api.businesscentral.dynamics.com/v2.0/api/sandbox/api/v2.0/",
            "http://localhost:8080/api/v2.0")) {
      String resource = new WatchedSet.Key(COMPANY, "salesInvoices").resource(URI.create(apiUrl));

      assertThat(resource)
          .as(apiUrl)
          .isEqualTo("/api/v2.0/companies(" + COMPANY + ")/salesInvoices");
      assertThat(SubscribedResource.parse(resource))
          .isEqualTo(new SubscribedResource(COMPANY, "salesInvoices"));
    }
  }
}
