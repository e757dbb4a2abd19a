package io.stroomlijn.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ScheduleTimeZoneTest {

  TimeZone before;

  @BeforeEach
  void remember() {
    before = TimeZone.getDefault();
  }

  @AfterEach
  void restore() {
    TimeZone.setDefault(before);
  }

  private static StandardEnvironment environment(String zone) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of(ScheduleTimeZone.PROPERTY, zone)));
    return environment;
  }

  @Test
  void theConfiguredZoneBecomesTheDefault() {
    new ScheduleTimeZone()
        .postProcessEnvironment(environment("Pacific/Auckland"), new SpringApplication());

    assertThat(TimeZone.getDefault().getID()).isEqualTo("Pacific/Auckland");
  }

  @Test
  void anUnknownZoneStopsTheStartNamingTheSetting() {
    assertThatThrownBy(
            () ->
                new ScheduleTimeZone()
                    .postProcessEnvironment(environment("Amsterdam"), new SpringApplication()))
        .hasMessageContaining("stroomlijn.schedule.time-zone")
        .hasMessageContaining("'Amsterdam'");
  }
}
