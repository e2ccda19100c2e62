package switchboard.matcher.policy;

import java.time.Duration;

/**
 * The per-user rate limit of a rule: at most {@code count} commands in any {@code period}.
 *
 * @param count at least 1
 * @param period at least one second
 */
public record Quota(int count, Duration period) {

  public Quota {
    if (count < 1 || period == null || period.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "a rate limit needs a count >= 1 and a period >= 1s: " + count + " per " + period);
    }
  }

  @Override
  public String toString() {
    return count + " per " + Durations.text(period);
  }
}
