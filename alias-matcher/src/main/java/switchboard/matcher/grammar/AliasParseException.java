package switchboard.matcher.grammar;

/**
 * st2's {@code ParseException}: a command that does not fit a format. The messages are st2's,
 * character for character ({@code action_alias_utils.py::match_params_in_stream}, contract §9 step
 * 6 and 7), because pack authors' tests assert them.
 */
public final class AliasParseException extends Exception {

  static final String NO_VALUE = "No value supplied and no default value found.";

  private AliasParseException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code Command "<command>" doesn't match format string "<format>"}. */
  static AliasParseException noMatch(String command, String format) {
    return new AliasParseException(
        "Command \"" + command + "\" doesn't match format string \"" + format + "\"", null);
  }

  /** {@code No value supplied and no default value found.} */
  static AliasParseException noValue() {
    return new AliasParseException(NO_VALUE, null);
  }

  /**
   * The format itself cannot be compiled. st2 raises Python's {@code re.error} here, which its API
   * turns into a server error; the cause carries the reason.
   */
  static AliasParseException invalidFormat(AliasFormatException cause) {
    return new AliasParseException(cause.getMessage(), cause);
  }
}
