package io.stroomlijn.erp.embedded.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers of every ERP API answer: {@code OData-Version: 4.0} (also on refusals of the login,
 * which is why it is a filter ahead of Spring Security), and Business Central's JSON content type.
 */
@Configuration(proxyBeanMethods = false)
class ODataHeaders {

  static final String VERSION_HEADER = "OData-Version";
  static final String VERSION = "4.0";

  /** The content type of Business Central's JSON answers, errors included. */
  static final MediaType JSON =
      MediaType.parseMediaType("application/json; odata.metadata=minimal; odata.streaming=true");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> odataVersionFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                response.setHeader(VERSION_HEADER, VERSION);
                chain.doFilter(request, response);
              }
            });
    registration.addUrlPatterns(ErpApiController.BASE, ErpApiController.BASE + "/*");
    registration.setName("odataVersion");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
