package io.stroomlijn.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what, deny by default: everything needs a user of Camunda's identity service (HTTP
 * Basic) except what is opened here on purpose (DESIGN.md, Security): health, the signed approval
 * links, and the webapps, which keep their own session login. A path mapped later is closed until
 * it is opened here.
 */
@Configuration
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

  @Bean
  LoginThrottle loginThrottle(SecuritySettings settings) {
    return new LoginThrottle(settings.loginThrottle(), Clock.systemUTC());
  }

  /**
   * The only way to log in to the APIs. As a bean it also keeps Spring Boot from creating its
   * default in-memory user, whose generated password it would print to the log.
   */
  @Bean
  IdentityServiceAuthentication identityServiceAuthentication(
      IdentityService identityService, LoginThrottle throttle) {
    return new IdentityServiceAuthentication(identityService, throttle);
  }

  @Bean
  ClientAddresses clientAddresses(SecuritySettings settings) {
    return new ClientAddresses(settings.trustedProxies());
  }

  /**
   * Cockpit, Tasklist and Admin: their own login, session and XSRF protection (Camunda's filters);
   * Spring Security only throttles the login form and leaves their headers alone.
   */
  @Bean
  @Order(1)
  SecurityFilterChain webappsChain(
      HttpSecurity http, LoginThrottle throttle, ClientAddresses clients) throws Exception {
    return http.securityMatcher(paths("/camunda/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .securityContext(AbstractHttpConfigurer::disable)
        .sessionManagement(AbstractHttpConfigurer::disable)
        .anonymous(AbstractHttpConfigurer::disable)
        .addFilterBefore(
            new WebappLoginThrottleFilter(throttle, clients), AuthorizationFilter.class)
        .build();
  }

  /**
   * The approve/reject links of approval mails: no login (the signed, single-use token is the
   * proof), and a page that no other site may frame, cache or learn the link from.
   */
  @Bean
  @Order(2)
  SecurityFilterChain approvalLinksChain(HttpSecurity http) throws Exception {
    return http.securityMatcher(paths("/approvals/links/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // The form posts back the token it was served with; the token is the protection.
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(
            headers ->
                headers
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
                                    + " frame-ancestors 'none'; base-uri 'none'")))
        .build();
  }

  /**
   * Everything else: the APIs under {@code /api} and {@code /engine-rest}, and what comes later.
   */
  @Bean
  @Order(3)
  SecurityFilterChain apisChain(
      HttpSecurity http,
      IdentityService identityService,
      IdentityServiceAuthentication logins,
      ClientAddresses clients)
      throws Exception {
    ApiAuthenticationEntryPoint refusals = new ApiAuthenticationEntryPoint();
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(
                        paths("/actuator/health", "/actuator/health/**", "/error", "/"))
                    .permitAll()
                    // Business Central calls the receiver without a login of ours: a notification
                    // is proven by its subscription's random clientState, checked by the receiver.
                    .requestMatchers(paths("/webhooks/business-central"))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .authenticationManager(new ProviderManager(logins))
        .httpBasic(
            basic ->
                basic
                    .authenticationEntryPoint(refusals)
                    .authenticationDetailsSource(
                        request ->
                            new IdentityServiceAuthentication.ClientAddress(clients.of(request))))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
        // Stateless HTTP Basic, no session. Browsers that remember Basic credentials send them
        // along with a forged cross-site request too; CrossSiteWrites refuses those.
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .addFilterBefore(new CrossSiteWrites(), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }

  /**
   * Paths within the application, whichever servlet serves them: the webapps and {@code
   * /engine-rest} are Jersey's, not Spring MVC's, so MVC's own path matching would miss them.
   */
  private static RequestMatcher paths(String... patterns) {
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    return new OrRequestMatcher(
        Arrays.stream(patterns).<RequestMatcher>map(builder::matcher).toList());
  }
}
