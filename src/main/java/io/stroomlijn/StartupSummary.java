package io.stroomlijn;

import io.stroomlijn.security.AdminProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started Stroomlijn where everything is, once it is ready. */
@Component
class StartupSummary {

  private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

  private final AdminProperties admin;

  StartupSummary(AdminProperties admin) {
    this.admin = admin;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    String base = "http://localhost:" + web.getWebServer().getPort();
    log.info(
        """

          Stroomlijn is ready.
            Cockpit, Tasklist, Admin   {}/camunda/app/
            Engine REST API            {}/engine-rest
            ERP API (BC API v2.0)      {}/api/v2.0/companies
            Health                     {}/actuator/health
          Log in as '{}' (HTTP Basic for the APIs).""",
        base,
        base,
        base,
        base,
        admin.username());
  }
}
