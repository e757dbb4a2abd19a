package io.stroomlijn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Stroomlijn: flows for a Business Central style ERP on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StroomlijnApplication {

  public static void main(String[] args) {
    SpringApplication.run(StroomlijnApplication.class, args);
  }
}
