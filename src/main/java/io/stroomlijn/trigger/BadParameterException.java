package io.stroomlijn.trigger;

/** A query parameter of the flows API that does not fit; answered with 400 naming it. */
class BadParameterException extends RuntimeException {

  private final String parameter;

  BadParameterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
