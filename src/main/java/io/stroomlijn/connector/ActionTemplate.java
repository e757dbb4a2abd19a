package io.stroomlijn.connector;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a connector action's Camunda Modeler element template (in {@code
 * .camunda/element-templates/}) and the inputs the action reads. A test holds each template to
 * this: the template's input parameters are exactly these inputs, and its required fields exactly
 * the required ones, so an author who fills the template gets a task that runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ActionTemplate {

  /** The template's id, such as {@code io.stroomlijn.erp.CreateRecord}. */
  String id();

  /** Inputs without which the action cannot run. */
  String[] required();

  /** Inputs it can do without. */
  String[] optional() default {};
}
