package io.stroomlijn.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the client behind a request: the connection's peer, or, when that peer is one of
 * the configured reverse proxies, the last address in {@code X-Forwarded-For} that is not a proxy
 * itself. Anyone can send {@code X-Forwarded-For}, so it counts only from a trusted proxy;
 * otherwise an attacker would choose a new address for every guess.
 */
final class ClientAddresses {

  private final List<IpAddressMatcher> trustedProxies;

  ClientAddresses(List<String> trustedProxies) {
    this.trustedProxies = trustedProxies.stream().map(IpAddressMatcher::new).toList();
  }

  String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!isTrustedProxy(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!isTrustedProxy(hops.get(i))) {
        return hops.get(i);
      }
    }
    return hops.isEmpty() ? peer : hops.get(0);
  }

  private boolean isTrustedProxy(String address) {
    for (IpAddressMatcher proxy : trustedProxies) {
      try {
        if (proxy.matches(address)) {
          return true;
        }
      } catch (IllegalArgumentException notAnAddress) {
        return false;
      }
    }
    return false;
  }
}
