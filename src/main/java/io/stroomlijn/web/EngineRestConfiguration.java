package io.stroomlijn.web;

import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camunda's engine REST API ({@code /engine-rest}) as Stroomlijn serves it. */
@Configuration
class EngineRestConfiguration {

  @Bean
  ResourceConfigCustomizer engineRestErrorsAndNoWadl() {
    return config -> {
      config.register(EngineRestErrors.EngineExceptions.class);
      config.register(EngineRestErrors.RestExceptions.class);
      // The WADL describes every resource to anyone who asks; the API is documented instead.
      config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    };
  }
}
