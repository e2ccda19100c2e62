package switchboard.matcher.grammar;

/**
 * A format string (or another Python regular expression) that cannot be turned into a
 * java.util.regex pattern: st2's Python would reject it too (the reason then quotes Python's
 * message), or Python accepts it but Java has no equivalent (the reason says so).
 */
public final class AliasFormatException extends Exception {

  private final String format;
  private final String reason;

  public AliasFormatException(String format, String reason) {
    super("Format string \"" + format + "\" cannot be compiled: " + reason);
    this.format = format;
    this.reason = reason;
  }

  /** The text that failed, never null. */
  public String format() {
    return format;
  }

  /** Why it failed, never null; for example {@code bad escape \e at position 3}. */
  public String reason() {
    return reason;
  }
}
