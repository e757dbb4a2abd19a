package io.stroomlijn.erp.businesscentral;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks what exists only with {@code stroomlijn.erp.connector=business-central}: the webhook
 * receiver, the subscription upkeep, the status endpoint and the health check of the connection.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "stroomlijn.erp.connector", havingValue = "business-central")
public @interface ConditionalOnBusinessCentral {}
