package io.stroomlijn.erp.embedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stroomlijn.erp.embedded.Companies;
import io.stroomlijn.support.ApiClient;
import io.stroomlijn.support.ApiClient.Response;
import io.stroomlijn.support.ErpFixture;
import io.stroomlijn.support.StroomlijnTest;
import io.stroomlijn.support.TestUsers;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Business Central's permission sets for the ERP API: read or edit, for every company (the groups
 * erp-readers and erp-editors) or for one (an authorization on resource type 1000); without one,
 * 403 naming the permission and nothing changes.
 */
@StroomlijnTest
class ErpApiPermissionsTest {

  @LocalServerPort int port;
  @Autowired Companies companies;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  private ErpFixture erp;
  private ErpFixture otherCompany;
  private TestUsers users;
  private String customer;

  @BeforeEach
  void setUp() {
    erp = ErpFixture.newCompany(companies, port);
    otherCompany = ErpFixture.newCompany(companies, port);
    users = new TestUsers(identity, port);
    customer = erp.create("customers", Map.of("displayName", "Adatum")).get("id").asText();
  }

  @AfterEach
  void tearDown() {
    authorizations.createAuthorizationQuery().resourceType(1000).list().stream()
        .filter(grant -> grant.getUserId() != null && grant.getUserId().contains("-"))
        .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    users.removeAll();
  }

  @Test
  void aUserWithoutPermissionReadsAndChangesNothing() {
    ApiClient nobody = users.client(users.create("nobody"));

    Response read = nobody.get(erp.path("customers"));
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.errorCode()).isEqualTo("Authorization_RequestDenied");
    assertThat(read.json().at("/error/message").asText()).contains("'read'");

    Response create = nobody.post(erp.path("customers"), Map.of("displayName", "Mallory BV"));
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.json().at("/error/message").asText()).contains("'edit'");
    assertThat(nobody.delete(erp.path("customers", customer), "If-Match", "*").status())
        .isEqualTo(403);
    assertThat(nobody.get("/api/v2.0/companies").json().get("value")).isEmpty();

    assertThat(erp.api().get(erp.path("customers")).json().get("value"))
        .extracting(node -> node.get("displayName").asText())
        .containsExactly("Adatum");
  }

  @Test
  void erpReadersReadEveryCompanyAndChangeNothing() {
    ApiClient reader = users.client(users.create("reader", "erp-readers"));

    assertThat(reader.get(erp.path("customers", customer)).status()).isEqualTo(200);
    assertThat(reader.get(otherCompany.path("customers")).status()).isEqualTo(200);
    Response patch =
        reader.patch(
            erp.path("customers", customer), Map.of("displayName", "Changed"), "If-Match", "*");
    assertThat(patch.status()).isEqualTo(403);
    assertThat(
            reader
                .post(erp.path("customers", customer) + "/Microsoft.NAV.sendApprovalRequest", null)
                .status())
        .as("actions change records")
        .isEqualTo(403);
    assertThat(erp.read("customers", customer).get("displayName").asText()).isEqualTo("Adatum");
  }

  @Test
  void erpEditorsCreateChangeAndDelete() {
    ApiClient editor = users.client(users.create("editor", "erp-editors"));

    Response created = editor.post(erp.path("vendors"), Map.of("displayName", "Fabrikam"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(editor.delete(erp.path("customers", customer), "If-Match", "*").status())
        .isEqualTo(204);
  }

  @Test
  void aPermissionForOneCompanyIsGrantedWithoutCodeThroughTheEngineRestApi() {
    String clerk = users.create("clerk");
    Response grant = erp.grant(clerk, "EDIT");
    assertThat(grant.status()).as(grant.toString()).isEqualTo(200);

    ApiClient asClerk = users.client(clerk);
    assertThat(asClerk.post(erp.path("items"), Map.of("displayName", "Bolt")).status())
        .isEqualTo(201);
    assertThat(asClerk.get(otherCompany.path("items")).status()).isEqualTo(403);
    assertThat(asClerk.get("/api/v2.0/companies").json().get("value"))
        .extracting(company -> company.get("id").asText())
        .containsExactly(erp.company().toString());
    assertThat(asClerk.get("/api/v2.0/companies(" + otherCompany.company() + ")").status())
        .isEqualTo(403);
  }

  @Test
  void anUnknownErpPermissionNameIsA400() {
    Response grant =
        erp.api()
            .post(
                "/engine-rest/authorization/create",
                Map.of(
                    "type",
                    1,
                    "groupId",
                    "erp-readers",
                    "resourceType",
                    1000,
                    "resourceId",
                    "*",
                    "permissions",
                    new String[] {"DELETE_EVERYTHING"}));

    assertThat(grant.status()).isEqualTo(400);
    assertThat(grant.body()).contains("READ, EDIT or ALL");
  }

  @Test
  void onlyTheRequesterOrAnAdministratorCancelsAnApprovalRequest() {
    String requester = users.create("requester", "erp-editors");
    ApiClient colleague = users.client(users.create("colleague", "erp-editors"));
    String record = erp.path("customers", customer);
    assertThat(
            users
                .client(requester)
                .post(record + "/Microsoft.NAV.sendApprovalRequest", null)
                .status())
        .isEqualTo(204);

    Response refused = colleague.post(record + "/Microsoft.NAV.cancelApprovalRequest", null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().at("/error/message").asText()).contains(requester);
    assertThat(erp.read("customers", customer).get("blocked").asText())
        .as("still pending, so still blocked")
        .isNotEmpty();

    assertThat(erp.api().post(record + "/Microsoft.NAV.cancelApprovalRequest", null).status())
        .as("an administrator")
        .isEqualTo(204);
  }
}
