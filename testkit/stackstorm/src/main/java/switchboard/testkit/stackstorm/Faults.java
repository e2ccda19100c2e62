package switchboard.testkit.stackstorm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Trouble the double makes on purpose: latency, server errors for a number of requests or a while,
 * 429 with {@code Retry-After}, and refused stream connections. Thread-safe.
 */
final class Faults {

  private final Clock clock;
  private Duration latency = Duration.ZERO;
  private int failCount;
  private Instant failUntil = Instant.MIN;
  private int failStatus;
  private String failFaultstring;
  private int throttleCount;
  private Duration retryAfter = Duration.ZERO;
  private int refusedStreams;

  Faults(Clock clock) {
    this.clock = clock;
  }

  synchronized void latency(Duration delay) {
    this.latency = delay;
  }

  synchronized void failNext(int count, int status, String faultstring) {
    this.failCount = count;
    this.failStatus = status;
    this.failFaultstring = faultstring;
  }

  synchronized void failFor(Duration window, int status, String faultstring) {
    this.failUntil = clock.instant().plus(window);
    this.failStatus = status;
    this.failFaultstring = faultstring;
  }

  synchronized void throttleNext(int count, Duration retryAfterValue) {
    this.throttleCount = count;
    this.retryAfter = retryAfterValue;
  }

  synchronized void refuseStreams(int count) {
    this.refusedStreams = count;
  }

  synchronized void clear() {
    latency = Duration.ZERO;
    failCount = 0;
    failUntil = Instant.MIN;
    throttleCount = 0;
    refusedStreams = 0;
  }

  /**
   * Applies to an API or auth request: waits out the latency, then throws the planned error.
   *
   * @throws ApiError the injected answer
   */
  void beforeApiRequest() throws InterruptedException {
    Duration wait;
    ApiError error = null;
    synchronized (this) {
      wait = latency;
      if (throttleCount > 0) {
        throttleCount--;
        error =
            new ApiError(
                429,
                "Too Many Requests",
                Map.of("Retry-After", Long.toString(Math.max(0, retryAfter.toSeconds()))));
      } else if (failCount > 0 || clock.instant().isBefore(failUntil)) {
        failCount = Math.max(0, failCount - 1);
        error = new ApiError(failStatus, failFaultstring);
      }
    }
    if (!wait.isZero()) {
      Thread.sleep(wait.toMillis());
    }
    if (error != null) {
      throw error;
    }
  }

  /**
   * Applies to a stream connection: refuses it with 503, as a proxy in front of a restarting
   * st2stream would.
   *
   * @throws ApiError 503 while refusals are planned
   */
  synchronized void beforeStreamConnection() {
    if (refusedStreams > 0) {
      refusedStreams--;
      throw new ApiError(503, "Service Unavailable");
    }
  }
}
