package switchboard.notifier;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * How hard the notifier tries to deliver one reply, taken from {@link NotifierConfig} so the
 * delivery code never sees the config map.
 *
 * @param maxAttempts attempts that may end in a transient failure before the reply is
 *     dead-lettered; waits the provider asks for (Retry-After) do not count
 * @param initialBackoff wait after the first transient failure
 * @param backoffMultiplier growth of the wait after each further transient failure
 * @param jitter randomization factor of each wait, 0 (none) to 1 (0 to twice the wait)
 * @param maxBackoff the longest single wait
 * @param deadline how long after its first attempt a reply may still be retried
 * @param dedupCapacity how many settled reply ids are remembered to skip redelivered duplicates
 */
public record DeliverySettings(
    int maxAttempts,
    Duration initialBackoff,
    double backoffMultiplier,
    double jitter,
    Duration maxBackoff,
    Duration deadline,
    int dedupCapacity) {

  public DeliverySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (dedupCapacity < 1) {
      throw new IllegalArgumentException("dedupCapacity must be at least 1: " + dedupCapacity);
    }
  }

  /** Exponential backoff with jitter; {@code apply(n)} is the wait after the n-th failure. */
  IntervalFunction backoff() {
    return IntervalFunction.ofExponentialRandomBackoff(
        initialBackoff.toMillis(), backoffMultiplier, jitter, maxBackoff.toMillis());
  }
}
