package io.stroomlijn.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code stroomlijn.triggers.*} settings: their keys and their defaults. */
class TriggerPropertiesTest {

  private static TriggerProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("stroomlijn.triggers", TriggerProperties.class);
  }

  @Test
  void keepsTheTriggerLog28DaysAndCleansItUpAt0125ByDefault() {
    TriggerProperties defaults = bind(Map.of());

    assertThat(defaults.logRetention()).isEqualTo(Duration.ofDays(28));
    assertThat(defaults.logCleanupCron()).isEqualTo("0 25 1 * * *");
  }

  @Test
  void readsTheDocumentedKeys() {
    TriggerProperties set =
        bind(
            Map.of(
                "stroomlijn.triggers.log-retention", "P7D",
                "stroomlijn.triggers.log-cleanup-cron", "-"));

    assertThat(set.logRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(set.logCleanupCron()).isEqualTo("-");
  }
}
