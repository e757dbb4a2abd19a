package io.stroomlijn.approval;

import io.stroomlijn.security.SystemCalls;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The approve and reject links of approval mails, which work without a login: each says which task,
 * which decision and which approver, until when, with a nonce, signed with HMAC-SHA256. The key is
 * made once and kept in the engine's property table, so links survive a restart.
 */
@Component
class ApprovalLinks implements ApplicationRunner {

  static final String SECRET_PROPERTY = "stroomlijn.approval-link-secret";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final ManagementService management;
  private final SystemCalls system;
  private final ApprovalProperties properties;
  private volatile byte[] secret;

  ApprovalLinks(ManagementService management, SystemCalls system, ApprovalProperties properties) {
    this.management = management;
    this.system = system;
    this.properties = properties;
  }

  /** Loads (or makes) the key at start-up, outside any engine command. */
  @Override
  public void run(ApplicationArguments args) {
    secret();
  }

  /** What a valid link asks. */
  record Link(String taskId, String approver, String decision, Instant expiresAt, String nonce) {}

  /** Why a link does not work, with the HTTP status to answer. */
  static final class LinkProblem extends RuntimeException {
    private final HttpStatus status;

    LinkProblem(HttpStatus status, String message) {
      super(message);
      this.status = status;
    }

    HttpStatus status() {
      return status;
    }
  }

  /** The full address of a link. */
  String url(String taskId, String approver, String decision, Instant expiresAt) {
    String base = properties.publicUrl().toString();
    return (base.endsWith("/") ? base : base + "/")
        + "approvals/links/"
        + token(taskId, approver, decision, expiresAt);
  }

  String token(String taskId, String approver, String decision, Instant expiresAt) {
    String payload =
        String.join(
            "|",
            taskId,
            approver,
            decision,
            Long.toString(expiresAt.getEpochSecond()),
            UUID.randomUUID().toString());
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
  }

  /** The link a token stands for; a {@link LinkProblem} when it is forged, damaged or expired. */
  Link verify(String token) {
    int dot = token.indexOf('.');
    if (dot < 0) {
      throw invalid();
    }
    String payloadText = token.substring(0, dot);
    byte[] payload;
    try {
      payload = DECODER.decode(payloadText);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    // The text is compared, not the decoded bytes: base64url's last character carries unused bits,
    // so up to four spellings decode to the same signature; only the one this server wrote counts.
    String expected = ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8))) {
      throw invalid();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|");
    if (parts.length != 5) {
      throw invalid();
    }
    Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
    if (Instant.now().isAfter(expiresAt)) {
      throw new LinkProblem(
          HttpStatus.GONE, "This link has expired. Answer the request in Tasklist instead.");
    }
    return new Link(parts[0], parts[1], parts[2], expiresAt, parts[4]);
  }

  private static LinkProblem invalid() {
    return new LinkProblem(HttpStatus.FORBIDDEN, "This link is not valid.");
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private byte[] secret() {
    byte[] key = secret;
    if (key == null) {
      synchronized (this) {
        if (secret == null) {
          // In its own thread: inside an engine command (a task listener) a nested command would
          // share that command's unflushed session and not read back what it stored.
          secret = CompletableFuture.supplyAsync(() -> system.run(this::loadOrCreateSecret)).join();
        }
        key = secret;
      }
    }
    return key;
  }

  private byte[] loadOrCreateSecret() {
    String stored = management.getProperties().get(SECRET_PROPERTY);
    if (stored == null) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      management.setProperty(SECRET_PROPERTY, Base64.getEncoder().encodeToString(fresh));
      // Read back what was stored, the same key every later start (and every node) reads.
      stored = management.getProperties().get(SECRET_PROPERTY);
    }
    return Base64.getDecoder().decode(stored);
  }
}
