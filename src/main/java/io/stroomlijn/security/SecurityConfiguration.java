package io.stroomlijn.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Every API needs an authenticated user. The webapps under {@code /camunda} keep their own session
 * login; {@code /actuator/health} is the only open endpoint (no other actuator endpoint is
 * exposed).
 */
@Configuration
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<BasicAuthenticationFilter> basicAuthentication(
      IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new BasicAuthenticationFilter(identityService));
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setName("stroomlijnBasicAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
