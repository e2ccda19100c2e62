package switchboard.dispatcher.calls;

import java.time.Duration;

/**
 * How the dispatcher retries StackStorm and when it stops trying (style.md §7: transient I/O gets a
 * bounded retry with backoff that honours {@code Retry-After}).
 *
 * @param initialBackoff wait after the first transient failure
 * @param multiplier growth of the wait after each further failure
 * @param jitter randomisation of each wait, 0 to 1, so queued commands do not retry in step
 * @param maxBackoff the longest single wait
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param windowSize calls the breaker's failure rate is measured over
 * @param openDuration how long an open breaker refuses calls before it lets a few probe StackStorm
 */
public record CallSettings(
    Duration initialBackoff,
    double multiplier,
    double jitter,
    Duration maxBackoff,
    float failureRateThreshold,
    int windowSize,
    Duration openDuration) {}
