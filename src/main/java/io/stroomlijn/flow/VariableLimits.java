package io.stroomlijn.flow;

/**
 * What a process variable can hold, so that APIs refuse bigger values with a 400 naming them
 * instead of failing when the engine writes them.
 */
public final class VariableLimits {

  /**
   * The longest text a string variable holds: Camunda 7 stores a string variable in the {@code
   * TEXT_} column ({@code varchar(4000)}) of {@code ACT_RU_VARIABLE} and its history tables, never
   * in a byte array, so a longer one fails the whole transaction when it is flushed.
   */
  public static final int MAX_TEXT_LENGTH = 4000;

  private VariableLimits() {}
}
