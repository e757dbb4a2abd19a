package io.stroomlijn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Stroomlijn: flows for a Business Central style ERP on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StroomlijnApplication {

  public static void main(String[] args) {
    SpringApplication.run(StroomlijnApplication.class, args);
  }
}
