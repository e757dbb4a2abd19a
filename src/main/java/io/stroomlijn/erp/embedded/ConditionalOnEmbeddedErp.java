package io.stroomlijn.erp.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks what exists only while the embedded ERP is the application's ERP ({@code
 * stroomlijn.erp.connector} unset or {@code embedded}): its {@code /api/v2.0} API, its webhooks and
 * its demo company. With Business Central as the ERP these would answer for a second, unrelated set
 * of companies. The embedded store itself stays: approvals keep their requests in it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(
    name = "stroomlijn.erp.connector",
    havingValue = "embedded",
    matchIfMissing = true)
public @interface ConditionalOnEmbeddedErp {}
