package io.stroomlijn.security;

import io.stroomlijn.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent to the privacy notice of flows. Until a user has agreed (or the organisation's policy
 * agrees for everyone), instant flows answer 403 {@code ConsentRequired}.
 *
 * <p>Every instant-flow request asks, so answers are cached; a change made on this node is seen at
 * once, a change made on another node of a cluster within {@link #CACHE_TIME}.
 */
@Component
public class FlowConsent {

  static final Duration CACHE_TIME = Duration.ofSeconds(10);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Map<String, Cached<State>> states = new ConcurrentHashMap<>();

  FlowConsent(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** The policy and a user's own decision, if any. */
  public State state(String userId) {
    Cached<State> cached = states.get(userId);
    if (cached != null && cached.until().isAfter(clock.instant())) {
      return cached.value();
    }
    State state = read(userId);
    states.put(userId, new Cached<>(state, clock.instant().plus(CACHE_TIME)));
    return state;
  }

  /** Refuses with 403 {@code ConsentRequired} until the user's consent applies. */
  public void requireAgreed(Caller caller) {
    State state = state(caller.userId());
    if (!state.agreed()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "ConsentRequired",
          null,
          state.policy() == ConsentPolicy.DISAGREE_FOR_EVERYONE
              ? "Your organisation has not agreed to the privacy notice of flows, so flows cannot"
                  + " be used. Ask your administrator."
              : "Agree to the privacy notice of flows first: GET /api/flows/consent shows it,"
                  + " POST /api/flows/consent with {\"agree\": true} agrees.");
    }
  }

  /** Records a user's decision; only meaningful while the policy lets users decide. */
  @Transactional
  public State decide(String userId, boolean agree) {
    Timestamp now = Timestamp.from(clock.instant());
    int updated =
        jdbc.update(
            "UPDATE flow_consent SET agreed = ?, decided_at = ? WHERE user_id = ?",
            agree,
            now,
            userId);
    if (updated == 0) {
      try {
        jdbc.update(
            "INSERT INTO flow_consent (user_id, agreed, decided_at) VALUES (?, ?, ?)",
            userId,
            agree,
            now);
      } catch (DuplicateKeyException concurrentFirstDecision) {
        jdbc.update(
            "UPDATE flow_consent SET agreed = ?, decided_at = ? WHERE user_id = ?",
            agree,
            now,
            userId);
      }
    }
    states.remove(userId);
    return state(userId);
  }

  /** The organisation's policy with who set it and when. */
  public PolicySetting policy() {
    return jdbc.queryForObject(
        "SELECT policy, changed_by, changed_at FROM flow_consent_policy WHERE id = 1",
        (rs, row) ->
            new PolicySetting(
                ConsentPolicy.of(rs.getString("policy")).orElse(ConsentPolicy.USER_DECIDES),
                rs.getString("changed_by"),
                offset(rs.getTimestamp("changed_at"))));
  }

  /** Sets the organisation's policy. */
  public PolicySetting setPolicy(ConsentPolicy policy, String changedBy) {
    jdbc.update(
        "UPDATE flow_consent_policy SET policy = ?, changed_by = ?, changed_at = ? WHERE id = 1",
        policy.value(),
        changedBy,
        Timestamp.from(clock.instant()));
    states.clear();
    return policy();
  }

  private State read(String userId) {
    ConsentPolicy policy = policy().policy();
    List<Decision> decisions =
        jdbc.query(
            "SELECT agreed, decided_at FROM flow_consent WHERE user_id = ?",
            (rs, row) ->
                new Decision(rs.getBoolean("agreed"), offset(rs.getTimestamp("decided_at"))),
            userId);
    return new State(policy, decisions.isEmpty() ? null : decisions.get(0));
  }

  private static OffsetDateTime offset(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
  }

  private record Cached<T>(T value, Instant until) {}

  /** A user's own decision. */
  public record Decision(boolean agreed, OffsetDateTime decidedAt) {}

  /** The organisation's policy setting. */
  public record PolicySetting(ConsentPolicy policy, String changedBy, OffsetDateTime changedAt) {}

  /** What applies to one user: the policy, and the user's decision where the policy asks for it. */
  public record State(ConsentPolicy policy, Decision decision) {

    /** Whether the user may use flows. */
    public boolean agreed() {
      return switch (policy) {
        case AGREE_FOR_EVERYONE -> true;
        case DISAGREE_FOR_EVERYONE -> false;
        case USER_DECIDES -> decision != null && decision.agreed();
      };
    }
  }
}
