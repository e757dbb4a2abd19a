package io.stroomlijn.security;

import io.stroomlijn.web.JsonErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a write that a browser sends on behalf of another site. A browser that has remembered
 * HTTP Basic credentials for Stroomlijn sends them with any request a page of another site makes,
 * and a cross-site form may post multipart data (an engine deployment, which runs code) without
 * asking first. Browsers say where a request comes from ({@code Sec-Fetch-Site}, {@code Origin});
 * API clients such as curl send neither and are not affected.
 */
final class CrossSiteWrites extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!SAFE.contains(request.getMethod()) && fromAnotherSite(request)) {
      JsonErrors.write(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "CrossSiteRequest",
          "A page of another site may not change anything here.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean fromAnotherSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      return !site.equals("same-origin") && !site.equals("none");
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return false;
    }
    String own = request.getScheme() + "://" + request.getHeader("Host");
    return !origin.equalsIgnoreCase(own);
  }
}
