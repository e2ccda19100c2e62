package switchboard.dispatcher.stackstorm;

import java.time.Duration;
import java.util.Optional;

/**
 * StackStorm could not serve the request now: no connection, a timeout, TLS trouble, a 5xx, 408 or
 * 429. Transient; the caller decides whether and when to retry.
 */
public final class StackStormUnavailable extends StackStormException {

  private final Duration retryAfter;

  public StackStormUnavailable(int status, String message, Duration retryAfter, Throwable cause) {
    super(status, message, cause);
    this.retryAfter = retryAfter;
  }

  /** StackStorm's (or its proxy's) {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
