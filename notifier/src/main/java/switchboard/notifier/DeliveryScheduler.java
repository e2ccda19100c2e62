package switchboard.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time and a thread pool for delivery: every wait (pacing, Retry-After, backoff) is a scheduled
 * task, so no thread sleeps for a conversation. Tests pass a manual implementation whose time only
 * moves when told.
 */
public interface DeliveryScheduler {

  /** The current time, the one delays are measured from. */
  Instant now();

  /** Runs {@code task} on a pool thread once {@code delay} (zero or more) has passed. */
  void schedule(Runnable task, Duration delay);

  /** Schedules on {@code executor}, reading time from {@code clock}. */
  static DeliveryScheduler on(ScheduledExecutorService executor, Clock clock) {
    return new DeliveryScheduler() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void schedule(Runnable task, Duration delay) {
        executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      }
    };
  }
}
