package switchboard.matcher.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short durations of policy documents and replies: {@code 90s}, {@code 5m}, {@code 2h}, {@code
 * 1d}, or a plain number of seconds.
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})\\s*([smhd]?)");

  private Durations() {}

  /** The duration {@code text} stands for; empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    Matcher m = SHORT.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "m":
        return Optional.of(Duration.ofMinutes(n));
      case "h":
        return Optional.of(Duration.ofHours(n));
      case "d":
        return Optional.of(Duration.ofDays(n));
      default:
        return Optional.of(Duration.ofSeconds(n));
    }
  }

  /**
   * {@code duration} in the largest whole unit: {@code 1d}, {@code 2h}, {@code 5m}, {@code 90s}.
   */
  public static String text(Duration duration) {
    long s = duration.toSeconds();
    if (s > 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s > 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s > 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
