package switchboard.matcher.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-user rate limits as a sliding log: the times of the user's recent commands under one rule.
 * Pure: the log lives in a Streams state store, and this only says what the next one is.
 */
public final class RateLimits {

  private RateLimits() {}

  /**
   * The outcome of one command against a quota.
   *
   * @param admitted whether the command may run now
   * @param log the log to store afterwards: entries older than the period dropped, and now added
   *     when admitted; never null
   * @param retryAfter when admitted, zero; otherwise how long until the oldest entry leaves the
   *     period
   */
  public record Admission(boolean admitted, List<Long> log, Duration retryAfter) {
    public Admission {
      log = List.copyOf(log);
    }
  }

  /**
   * Admits one command at {@code nowMillis} if fewer than {@code quota.count()} were admitted in
   * the period before it.
   *
   * @param log the stored log (epoch millis, oldest first); null or empty when there is none
   */
  public static Admission admit(Quota quota, List<Long> log, long nowMillis) {
    long since = nowMillis - quota.period().toMillis();
    List<Long> recent = new ArrayList<>();
    if (log != null) {
      log.stream().filter(t -> t > since).sorted().forEach(recent::add);
    }
    if (recent.size() < quota.count()) {
      recent.add(nowMillis);
      return new Admission(true, recent, Duration.ZERO);
    }
    long oldestInWindow = recent.get(recent.size() - quota.count());
    return new Admission(
        false, recent, Duration.ofMillis(oldestInWindow + quota.period().toMillis() - nowMillis));
  }
}
