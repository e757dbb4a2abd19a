package io.stroomlijn.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port with the test profile. Test classes with this annotation
 * share one running application; each creates its own company to stay independent.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public @interface StroomlijnTest {

  /** The admin user of the test profile. */
  String ADMIN = "admin";

  /** Its password. */
  String ADMIN_PASSWORD = "test-admin-password";
}
