package io.stroomlijn.erp.businesscentral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stroomlijn.erp.InvalidRequestException;
import io.stroomlijn.erp.Record;
import io.stroomlijn.erp.RecordChangedException;
import io.stroomlijn.erp.RecordNotFoundException;
import io.stroomlijn.erp.RecordPage;
import io.stroomlijn.erp.RecordQuery;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector against a WireMock double of a Business Central tenant and its token endpoint. */
class BusinessCentralErpTest {

  /** These tests call the port; record events are the record sync's tests. */
  private static final io.stroomlijn.erp.events.RecordEventRelay NO_EVENTS = null;

  private static final String SECRET = "s3cr3t-value";
  private static final String TENANT = "contoso";
  private static final UUID COMPANY = UUID.fromString("11111111-2222-3333-4444-555555555555");
  private static final UUID VENDOR = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
  private static final String API = "/v2.0/" + TENANT + "/production/api/v2.0";
  private static final String TOKEN = "/" + TENANT + "/oauth2/v2.0/token";
  private static final String VENDORS = API + "/companies(" + COMPANY + ")/vendors";
  private static final String ONE_VENDOR = VENDORS + "(" + VENDOR + ")";

  @RegisterExtension
  static WireMockExtension bc =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void tokenEndpoint() {
    bc.stubFor(
        post(TOKEN)
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(token("token-1", 3600)))
            .willSetStateTo("second"));
    bc.stubFor(
        post(TOKEN)
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson(token("token-2", 3600))));
  }

  @Test
  void asksForATokenWithClientCredentialsAndReusesItUntilShortlyBeforeItExpires() {
    bc.stubFor(get(API + "/companies").willReturn(okJson(companies())));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    erp.companies();
    erp.companies();
    assertThat(bc.findAll(postRequestedFor(urlPathEqualTo(TOKEN)))).hasSize(1);
    bc.verify(
        postRequestedFor(urlPathEqualTo(TOKEN))
            .withFormParam("grant_type", equalTo("client_credentials"))
            .withFormParam("client_id", equalTo("app-id"))
            .withFormParam("client_secret", equalTo(SECRET))
            .withFormParam("scope", equalTo("https://api.businesscentral.dynamics.com/.default")));

    // 3600 s valid, renewed a tenth (at most 5 minutes) before: good at 3290 s, renewed at 3300 s.
    clock.advance(Duration.ofSeconds(3290));
    erp.companies();
    assertThat(bc.findAll(postRequestedFor(urlPathEqualTo(TOKEN)))).hasSize(1);
    clock.advance(Duration.ofSeconds(10));
    erp.companies();
    assertThat(bc.findAll(postRequestedFor(urlPathEqualTo(TOKEN)))).hasSize(2);
    bc.verify(
        getRequestedFor(urlPathEqualTo(API + "/companies"))
            .withHeader("Authorization", equalTo("Bearer token-2")));
  }

  @Test
  void callersArrivingDuringATokenFetchShareIt() throws Exception {
    bc.stubFor(
        post(TOKEN)
            .atPriority(1)
            .willReturn(okJson(token("slow-token", 3600)).withFixedDelay(300)));
    BusinessCentralTokens tokens =
        new BusinessCentralTokens(
            properties(5, 6000, Duration.ofMinutes(5)),
            BusinessCentralConfiguration.newHttpClient(),
            clock);

    List<String> seen = parallel(10, tokens::token);

    assertThat(seen).containsOnly("slow-token");
    assertThat(bc.findAll(postRequestedFor(urlPathEqualTo(TOKEN)))).hasSize(1);
  }

  @Test
  void aRefusedTokenNamesTheSettingsAndServerCodeButNeverTheSecret() {
    bc.stubFor(
        post(TOKEN)
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"error":"invalid_client","error_description":"AADSTS7000215: Invalid \
                        client secret provided: %s"}"""
                            .formatted(SECRET))));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    assertThatThrownBy(erp::companies)
        .isInstanceOf(BusinessCentralException.class)
        .hasMessageContaining("stroomlijn.business-central.client-id")
        .hasMessageContaining("stroomlijn.business-central.client-secret")
        .hasMessageContaining("invalid_client")
        .hasMessageContaining("AADSTS7000215")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void anExpiredTokenRefusedWith401IsFetchedAgainOnce() {
    bc.stubFor(
        get(API + "/companies")
            .withHeader("Authorization", equalTo("Bearer token-1"))
            .willReturn(aResponse().withStatus(401)));
    bc.stubFor(
        get(API + "/companies")
            .withHeader("Authorization", equalTo("Bearer token-2"))
            .willReturn(okJson(companies())));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    assertThat(erp.companies()).extracting(Record::id).containsExactly(COMPANY);
    assertThat(bc.findAll(postRequestedFor(urlPathEqualTo(TOKEN)))).hasSize(2);
  }

  @Test
  void aTokenRefusedAgainAfterRenewalIsATechnicalFault() {
    bc.stubFor(get(API + "/companies").willReturn(aResponse().withStatus(401)));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    assertThatThrownBy(erp::companies)
        .isInstanceOf(BusinessCentralException.class)
        .hasMessageContaining("401")
        .message()
        .doesNotContain("token-1", "token-2");
    assertThat(bc.findAll(getRequestedFor(urlPathEqualTo(API + "/companies")))).hasSize(2);
  }

  @Test
  void findTranslatesTheQueryAndFollowsNextLinksUpToThePortsPage() {
    String filter = "balance gt 100 and displayName ne 'X'";
    bc.stubFor(
        get(urlPathEqualTo(VENDORS))
            .withQueryParam("$filter", equalTo(filter))
            .withQueryParam("$select", equalTo("id,displayName,balance"))
            .withQueryParam("$orderby", equalTo("displayName desc"))
            .withQueryParam("$top", equalTo("3"))
            .withQueryParam("$skip", equalTo("4"))
            .withHeader("Prefer", equalTo("odata.maxpagesize=2"))
            .willReturn(
                okJson(
                    """
                    {"value":[%s,%s],"@odata.nextLink":"%s"}"""
                        .formatted(
                            vendor(VENDOR, "A"),
                            vendor(UUID.randomUUID(), "B"),
                            bc.baseUrl() + VENDORS + "?$skiptoken=page2"))));
    bc.stubFor(
        get(urlPathEqualTo(VENDORS))
            .withQueryParam("$skiptoken", equalTo("page2"))
            .willReturn(okJson("{\"value\":[%s]}".formatted(vendor(UUID.randomUUID(), "C")))));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    RecordPage page =
        erp.find(
            COMPANY,
            "vendors",
            new RecordQuery(
                filter,
                List.of("id", "displayName", "balance"),
                "displayName desc",
                null,
                4,
                List.of(),
                false,
                2));

    assertThat(page.records())
        .extracting(r -> r.getString("displayName"))
        .containsExactly("A", "B");
    assertThat(page.nextSkip()).isEqualTo(6);
    Record first = page.records().get(0);
    assertThat(first.id()).isEqualTo(VENDOR);
    assertThat(first.etag()).isEqualTo("W/\"JzE7Jw==\"");
    assertThat(first.get("balance")).isEqualTo(new BigDecimal("1250.5"));
    assertThat(first.get("lastModifiedDateTime")).isInstanceOf(java.time.OffsetDateTime.class);
  }

  @Test
  void findWithoutAPageSizeReadsEveryNextLinkToTheEnd() {
    bc.stubFor(
        get(urlPathEqualTo(VENDORS))
            .withQueryParam("$top", equalTo(String.valueOf(BusinessCentralErp.MAX_PAGE_SIZE + 1)))
            .willReturn(
                okJson(
                    "{\"value\":[%s],\"@odata.nextLink\":\"%s\"}"
                        .formatted(
                            vendor(VENDOR, "A"), bc.baseUrl() + VENDORS + "?$skiptoken=p2"))));
    bc.stubFor(
        get(urlPathEqualTo(VENDORS))
            .withQueryParam("$skiptoken", equalTo("p2"))
            .willReturn(
                okJson(
                    "{\"value\":[%s],\"@odata.nextLink\":\"%s\"}"
                        .formatted(
                            vendor(UUID.randomUUID(), "B"),
                            bc.baseUrl() + VENDORS + "?$skiptoken=p3"))));
    bc.stubFor(
        get(urlPathEqualTo(VENDORS))
            .withQueryParam("$skiptoken", equalTo("p3"))
            .willReturn(okJson("{\"value\":[%s]}".formatted(vendor(UUID.randomUUID(), "C")))));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    RecordPage page = erp.find(COMPANY, "vendors", RecordQuery.all());

    assertThat(page.records()).hasSize(3);
    assertThat(page.nextSkip()).isNull();
  }

  @Test
  void aNextLinkToAnotherOriginIsNotFollowed() {
    bc.stubFor(
        get(urlPathEqualTo(VENDORS))
            .willReturn(
                okJson(
                    "{\"value\":[%s],\"@odata.nextLink\":\"https://elsewhere.example/x\"}"
                        .formatted(vendor(VENDOR, "A")))));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    assertThatThrownBy(() -> erp.find(COMPANY, "vendors", RecordQuery.all()))
        .isInstanceOf(BusinessCentralException.class)
        .hasMessageContaining("https://elsewhere.example was not sent");
  }

  @Test
  void aRedirectIsNeverFollowed() {
    bc.stubFor(
        get(API + "/companies")
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", bc.baseUrl() + "/stolen")));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    assertThatThrownBy(erp::companies)
        .isInstanceOf(BusinessCentralException.class)
        .hasMessageContaining("redirect");
    assertThat(bc.findAll(getRequestedFor(urlPathEqualTo("/stolen")))).isEmpty();
  }

  @Test
  void createPostsTheFieldsAndReturnsTheCreatedRecord() {
    bc.stubFor(
        post(VENDORS)
            .withRequestBody(
                equalToJson(
                    "{\"displayName\":\"Fabrikam\",\"balanceLimit\":10.5,\"since\":\"2026-01-02\"}"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(vendor(VENDOR, "Fabrikam"))));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    Record created =
        erp.create(
            COMPANY,
            "vendors",
            Map.of(
                "displayName",
                "Fabrikam",
                "balanceLimit",
                new BigDecimal("10.5"),
                "since",
                LocalDate.of(2026, 1, 2)),
            "alice");

    assertThat(created.id()).isEqualTo(VENDOR);
    assertThat(created.getString("displayName")).isEqualTo("Fabrikam");
  }

  @Test
  void updateSendsTheEtagAndAStaleOneIsRecordChanged() {
    bc.stubFor(
        patch(ONE_VENDOR)
            .withHeader("If-Match", equalTo("W/\"JzE7Jw==\""))
            .willReturn(okJson(vendor(VENDOR, "Renamed"))));
    bc.stubFor(
        patch(ONE_VENDOR)
            .withHeader("If-Match", equalTo("W/\"stale\""))
            .willReturn(
                error(
                    412, "Request_EntityChanged", "Another user has already changed the record.")));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    Record updated =
        erp.update(
            COMPANY, "vendors", VENDOR, Map.of("displayName", "Renamed"), "W/\"JzE7Jw==\"", "bob");

    assertThat(updated.getString("displayName")).isEqualTo("Renamed");
    bc.verify(
        patchRequestedFor(urlPathEqualTo(ONE_VENDOR))
            .withRequestBody(equalToJson("{\"displayName\":\"Renamed\"}")));
    assertThatThrownBy(
            () ->
                erp.update(
                    COMPANY, "vendors", VENDOR, Map.of("displayName", "X"), "W/\"stale\"", "bob"))
        .isInstanceOf(RecordChangedException.class)
        .hasMessageContaining("Another user");
  }

  @Test
  void deleteSendsTheEtagOrStarAndAMissingRecordIsNotFound() {
    bc.stubFor(delete(ONE_VENDOR).willReturn(aResponse().withStatus(204)));
    UUID missing = UUID.randomUUID();
    bc.stubFor(
        delete(VENDORS + "(" + missing + ")")
            .willReturn(
                error(
                    404,
                    "BadRequest_NotFound",
                    "The Vendor does not exist. Identification fields and values: No.='X'")));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    erp.delete(COMPANY, "vendors", VENDOR, null, "bob");

    bc.verify(deleteRequestedFor(urlPathEqualTo(ONE_VENDOR)).withHeader("If-Match", equalTo("*")));
    assertThatThrownBy(() -> erp.delete(COMPANY, "vendors", missing, "*", "bob"))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void runActionPostsTheBoundActionAndARefusalKeepsBusinessCentralsCode() {
    String invoice = API + "/companies(" + COMPANY + ")/salesInvoices(" + VENDOR + ")";
    bc.stubFor(post(invoice + "/Microsoft.NAV.post").willReturn(aResponse().withStatus(204)));
    bc.stubFor(
        post(invoice + "/Microsoft.NAV.send")
            .willReturn(error(400, "Internal_ValidationError", "Status must be equal to 'Open'.")));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    erp.runAction(COMPANY, "salesInvoices", VENDOR, "Microsoft.NAV.post", "bob");

    bc.verify(postRequestedFor(urlPathEqualTo(invoice + "/Microsoft.NAV.post")));
    assertThatThrownBy(() -> erp.runAction(COMPANY, "salesInvoices", VENDOR, "send", "bob"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.code()).isEqualTo("Internal_ValidationError"))
        .hasMessageContaining("Status must be");
  }

  @Test
  void getReadsOneRecordAndAMissingOneIsNotFound() {
    bc.stubFor(
        get(urlPathEqualTo(ONE_VENDOR))
            .withQueryParam("$select", equalTo("id,displayName"))
            .willReturn(okJson(vendor(VENDOR, "A"))));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    Record vendor =
        erp.get(
            COMPANY,
            "vendors",
            VENDOR,
            new RecordQuery(
                null, List.of("id", "displayName"), null, null, null, null, false, null));

    assertThat(vendor.getString("displayName")).isEqualTo("A");
    assertThatThrownBy(() -> erp.get(COMPANY, "vendors", UUID.randomUUID()))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void theWebClientLinkOpensTheRecordsPageInTheTenantsEnvironment() {
    bc.stubFor(get(API + "/companies").willReturn(okJson(companies())));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    URI link = erp.webClientUrl(COMPANY, "vendors", VENDOR);

    assertThat(link)
        .hasToString(
            "https://businesscentral.dynamics.com/contoso/production/?company=CRONUS%20NL"
                + "&page=26&filter=%27SystemId%27%20IS%20%27"
                + VENDOR
                + "%27");
    assertThatThrownBy(() -> erp.webClientUrl(UUID.randomUUID(), "vendors", VENDOR))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void companyNamesAreReadOnceForManyLinksAndAgainForACompanyNotKnownYet() {
    bc.stubFor(get(API + "/companies").willReturn(okJson(companies())));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    for (int i = 0; i < 10; i++) {
      assertThat(erp.companyName(COMPANY)).contains("CRONUS NL");
      erp.webClientUrl(COMPANY, "vendors", VENDOR);
    }
    assertThat(bc.findAll(getRequestedFor(urlPathEqualTo(API + "/companies")))).hasSize(1);

    assertThat(erp.companyName(UUID.randomUUID())).isEmpty();
    assertThat(bc.findAll(getRequestedFor(urlPathEqualTo(API + "/companies")))).hasSize(2);
  }

  @Test
  void a429StormIsWaitedOutByRetryAfterAndTheRequestThenSucceeds() {
    bc.stubFor(
        get(API + "/companies")
            .inScenario("storm")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("again"));
    ZonedDateTime retryAt = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).withNano(0);
    String inASecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt);
    bc.stubFor(
        get(API + "/companies")
            .inScenario("storm")
            .whenScenarioStateIs("again")
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", inASecond))
            .willSetStateTo("calm"));
    bc.stubFor(
        get(API + "/companies")
            .inScenario("storm")
            .whenScenarioStateIs("calm")
            .willReturn(okJson(companies())));
    BusinessCentralHttp http = http(properties(5, 6000, Duration.ofMinutes(5)));
    BusinessCentralErp erp =
        new BusinessCentralErp(properties(5, 6000, Duration.ofMinutes(5)), http, NO_EVENTS);

    long started = System.nanoTime();
    List<Record> companies = erp.companies();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(companies).hasSize(1);
    // 1 s for the 429, then until the date the 503 named.
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(Instant.now()).isAfterOrEqualTo(retryAt.toInstant());
    assertThat(
            bc.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 200)
                .filter(event -> event.getRequest().getUrl().endsWith("/companies"))
                .map(event -> event.getRequest().getLoggedDate().toInstant()))
        .allSatisfy(at -> assertThat(at).isAfterOrEqualTo(retryAt.toInstant()));
    assertThat(bc.findAll(getRequestedFor(urlPathEqualTo(API + "/companies")))).hasSize(3);
    assertThat(http.lastThrottled()).isPresent();
  }

  @Test
  void aCreateThatTimedOutAtTheGatewayIsNotSentAgain() {
    bc.stubFor(post(VENDORS).willReturn(aResponse().withStatus(504)));
    bc.stubFor(get(API + "/companies").willReturn(aResponse().withStatus(504)));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    assertThatThrownBy(
            () -> erp.create(COMPANY, "vendors", Map.of("displayName", "Fabrikam"), "alice"))
        .isInstanceOf(BusinessCentralException.class)
        .hasMessageContaining("HTTP 504")
        .hasMessageContaining("may have done it");
    assertThat(bc.findAll(postRequestedFor(urlPathEqualTo(VENDORS)))).hasSize(1);
    // A read is safe to send again.
    assertThatThrownBy(erp::companies).hasMessageContaining("504 after 3 attempts");
    assertThat(bc.findAll(getRequestedFor(urlPathEqualTo(API + "/companies")))).hasSize(3);
  }

  @Test
  void aRequestStillThrottledAfterItsAttemptsIsATechnicalFault() {
    bc.stubFor(
        get(API + "/companies")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
    BusinessCentralErp erp = erp(properties(5, 6000, Duration.ofMinutes(5)));

    assertThatThrownBy(erp::companies)
        .isInstanceOf(BusinessCentralException.class)
        .hasMessageContaining("429 after 3 attempts");
    assertThat(bc.findAll(getRequestedFor(urlPathEqualTo(API + "/companies")))).hasSize(3);
  }

  @Test
  void neverMoreThanTheConcurrencyLimitIsInFlight() throws Exception {
    bc.stubFor(get(API + "/companies").willReturn(okJson(companies()).withFixedDelay(150)));
    BusinessCentralProperties properties = properties(3, 6000, Duration.ofMinutes(5));
    BusinessCentralHttp http = http(properties);
    BusinessCentralErp erp = new BusinessCentralErp(properties, http, NO_EVENTS);

    List<List<Record>> results = parallel(20, erp::companies);

    assertThat(results).allSatisfy(companies -> assertThat(companies).hasSize(1));
    assertThat(http.peakInFlight()).isEqualTo(3);
    assertThat(http.inFlight()).isZero();
  }

  @Test
  void noMoreRequestsStartWithinTheWindowThanAllowed() throws Exception {
    bc.stubFor(get(API + "/companies").willReturn(okJson(companies())));
    BusinessCentralProperties properties = properties(5, 3, Duration.ofMillis(800));
    BusinessCentralErp erp = erp(properties);

    parallel(6, erp::companies);

    List<Instant> starts =
        bc.getAllServeEvents().stream()
            .filter(event -> event.getRequest().getUrl().endsWith("/companies"))
            .map(event -> event.getRequest().getLoggedDate().toInstant())
            .sorted()
            .toList();
    assertThat(starts).hasSize(6);
    // WireMock logs at millisecond precision; the fourth start waits out the window of the first.
    assertThat(Duration.between(starts.get(0), starts.get(3)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(790));
  }

  private BusinessCentralErp erp(BusinessCentralProperties properties) {
    return new BusinessCentralErp(properties, http(properties), NO_EVENTS);
  }

  private BusinessCentralHttp http(BusinessCentralProperties properties) {
    var client = BusinessCentralConfiguration.newHttpClient();
    return new BusinessCentralHttp(
        properties,
        new BusinessCentralTokens(properties, client, clock),
        client,
        Duration.ofMillis(10));
  }

  private BusinessCentralProperties properties(int concurrent, int perWindow, Duration window) {
    return new BusinessCentralProperties(
        TENANT,
        "production",
        "app-id",
        SECRET,
        URI.create(bc.baseUrl() + API),
        URI.create(bc.baseUrl() + TOKEN),
        null,
        null,
        null,
        List.of(),
        concurrent,
        perWindow,
        window,
        3,
        200);
  }

  private static <T> List<T> parallel(int callers, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(pool.submit(call));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String token(String value, int expiresIn) {
    return """
        {"token_type":"Bearer","expires_in":%d,"access_token":"%s"}"""
        .formatted(expiresIn, value);
  }

  private static String companies() {
    return """
        {"value":[{"id":"%s","systemVersion":"25.0","name":"CRONUS NL","displayName":"CRONUS NL"}]}"""
        .formatted(COMPANY);
  }

  private static String vendor(UUID id, String name) {
    return """
        {"@odata.etag":"W/\\"JzE7Jw==\\"","id":"%s","number":"V1","displayName":"%s",\
        "balance":1250.5,"blocked":" ","lastModifiedDateTime":"2026-11-29T10:00:00.123Z"}"""
        .formatted(id, name);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}".formatted(code, message));
  }

  /** A clock the test moves forward, so token expiry needs no waiting. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
