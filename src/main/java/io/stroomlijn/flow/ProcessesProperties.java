package io.stroomlijn.flow;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the flows live.
 *
 * @param location folder of BPMN files deployed at start-up; when it does not exist, the copy
 *     packaged in the jar ({@code classpath:processes/}) is deployed instead
 */
@ConfigurationProperties("stroomlijn.processes")
public record ProcessesProperties(String location) {

  public ProcessesProperties {
    if (location == null || location.isBlank()) {
      location = "processes";
    }
  }
}
