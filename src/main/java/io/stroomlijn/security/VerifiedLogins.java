package io.stroomlijn.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Logins verified in the last {@link #TIME_TO_LIVE}, so an API client sending the same credentials
 * with every request does not cost three identity queries per request. Entries are keyed by a
 * salted SHA-256 of user and password (the salt is random per process), never by the password;
 * failed logins are not kept. A changed password or group membership applies within the time to
 * live.
 */
final class VerifiedLogins {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
  private static final int MAX_ENTRIES = 10_000;

  private final byte[] salt = new byte[16];
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  VerifiedLogins() {
    new SecureRandom().nextBytes(salt);
  }

  /** The authentication of these credentials when they were verified a moment ago, or null. */
  Authentication find(String username, String password) {
    Entry entry = entries.get(key(username, password));
    if (entry == null || System.nanoTime() - entry.verifiedAt() > TIME_TO_LIVE.toNanos()) {
      return null;
    }
    return entry.authentication();
  }

  void remember(String username, String password, Authentication authentication) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key(username, password), new Entry(authentication, System.nanoTime()));
  }

  private String key(String username, String password) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      digest.update(username.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private record Entry(Authentication authentication, long verifiedAt) {}
}
