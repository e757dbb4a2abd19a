package io.stroomlijn.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The organisation's consent policy, as Business Central's admin sets it for Power Automate. */
public enum ConsentPolicy {
  AGREE_FOR_EVERYONE("agreeForEveryone"),
  DISAGREE_FOR_EVERYONE("disagreeForEveryone"),
  USER_DECIDES("userDecides");

  private final String value;

  ConsentPolicy(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  public static Optional<ConsentPolicy> of(String value) {
    return Arrays.stream(values()).filter(policy -> policy.value.equals(value)).findFirst();
  }
}
