package io.stroomlijn.security;

import io.stroomlijn.web.ApiException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent to the privacy notice of flows: each user agrees or disagrees ({@code
 * /api/flows/consent}) unless an administrator has decided for everyone ({@code
 * /api/flows/admin/consent-policy}).
 */
@RestController
class ConsentController {

  static final String PRIVACY_NOTICE =
      "Flows you run can read and change records in the ERP and send their data to the systems"
          + " the flow connects to, such as email, Microsoft Teams, Excel workbooks and web"
          + " services. Your user name and the inputs you give are kept with each run in the run"
          + " history, for 28 days by default.";

  private final FlowConsent consent;
  private final Callers callers;

  ConsentController(FlowConsent consent, Callers callers) {
    this.consent = consent;
    this.callers = callers;
  }

  @GetMapping("/api/flows/consent")
  Map<String, Object> mine() {
    return answer(consent.state(callers.current().userId()));
  }

  @PostMapping("/api/flows/consent")
  Map<String, Object> decide(@RequestBody Map<String, Object> body) {
    Caller caller = callers.current();
    if (!(body.get("agree") instanceof Boolean agree)) {
      throw ApiException.badParameter("agree", "must be true or false");
    }
    ConsentPolicy policy = consent.state(caller.userId()).policy();
    if (policy != ConsentPolicy.USER_DECIDES) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "ConsentSetByAdministrator",
          "agree",
          "Your administrator has set the consent for everyone ("
              + policy.value()
              + "); users cannot change it.");
    }
    return answer(consent.decide(caller.userId(), agree));
  }

  @GetMapping("/api/flows/admin/consent-policy")
  FlowConsent.PolicySetting policy() {
    requireAdministrator();
    return consent.policy();
  }

  @PutMapping("/api/flows/admin/consent-policy")
  FlowConsent.PolicySetting setPolicy(@RequestBody Map<String, Object> body) {
    Caller caller = requireAdministrator();
    Object value = body.get("policy");
    ConsentPolicy policy =
        ConsentPolicy.of(value instanceof String text ? text : null)
            .orElseThrow(
                () ->
                    ApiException.badParameter(
                        "policy",
                        "'"
                            + value
                            + "' is not one of "
                            + Arrays.stream(ConsentPolicy.values())
                                .map(ConsentPolicy::value)
                                .collect(Collectors.joining(", "))));
    return consent.setPolicy(policy, caller.userId());
  }

  private Caller requireAdministrator() {
    Caller caller = callers.current();
    if (!caller.isAdministrator()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "AdministratorRequired",
          null,
          "Only administrators (group camunda-admin) may set the consent policy.");
    }
    return caller;
  }

  private static Map<String, Object> answer(FlowConsent.State state) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("agreed", state.agreed());
    answer.put("policy", state.policy());
    answer.put("userMayDecide", state.policy() == ConsentPolicy.USER_DECIDES);
    answer.put("decision", state.decision());
    answer.put("privacyNotice", PRIVACY_NOTICE);
    return answer;
  }
}
