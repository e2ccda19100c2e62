package switchboard.bench.e2e;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: request {@code i} is sent when it is due, at {@code start + i / rate}, however
 * slowly the target answers, so a slow system builds a queue that shows in the latencies instead of
 * quietly lowering the rate. A sender that falls behind sends at once, and the lateness counts
 * against the target (latency runs from the due time, see {@link RequestTally}).
 */
final class OpenLoop {

  /**
   * One phase of load.
   *
   * @param phase a name unique in the run
   * @param rate requests per second
   * @param warmup how long to send before measuring
   * @param duration how long to send while measuring
   * @param stallTimeout after the last request, how long answers may stop coming before the missing
   *     ones are declared lost; an overloaded target drains its queue as slowly as it must
   */
  record Plan(String phase, int rate, Duration warmup, Duration duration, Duration stallTimeout) {

    Plan {
      if (rate < 1) {
        throw new IllegalArgumentException("the rate must be at least 1 request per second");
      }
    }

    int warmupRequests() {
      return (int) (rate * warmup.toMillis() / 1000);
    }

    int measuredRequests() {
      return (int) Math.max(1, rate * duration.toMillis() / 1000);
    }
  }

  /** Sends must start this long after the plan is made, so request 0 is not already late. */
  private static final Duration LEAD = Duration.ofMillis(20);

  private OpenLoop() {}

  /** Waits until every answer is in, or none has come for {@code stallTimeout}. */
  private static void awaitDrained(RequestTally tally, Duration stallTimeout)
      throws InterruptedException {
    long lastProgress = System.nanoTime();
    long outstanding = tally.outstanding();
    while (!tally.awaitSettled(Duration.ofSeconds(1))) {
      long now = System.nanoTime();
      if (tally.outstanding() < outstanding) {
        outstanding = tally.outstanding();
        lastProgress = now;
      } else if (now - lastProgress > stallTimeout.toNanos()) {
        return;
      }
    }
  }

  /** Runs {@code plan} against {@code target} and waits for the answers. */
  static PhaseResult run(Plan plan, LoadTarget target) throws InterruptedException {
    int warmup = plan.warmupRequests();
    int total = warmup + plan.measuredRequests();
    RequestTally tally =
        new RequestTally(
            plan.phase(),
            target.answers(),
            total,
            warmup,
            System.nanoTime() + LEAD.toNanos(),
            plan.rate());
    target.track(tally);
    AtomicReference<ProcessMeter> meter = new AtomicReference<>();
    // Its own thread, so its CPU is booked to the load generator.
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < total; i++) {
                if (i == warmup) {
                  meter.set(ProcessMeter.start());
                }
                long due = tally.dueNanos(i);
                for (long wait = due - System.nanoTime();
                    wait > 0;
                    wait = due - System.nanoTime()) {
                  LockSupport.parkNanos(wait);
                }
                target.send(tally, i);
              }
            },
            "bench-load-" + plan.phase());
    sender.start();
    sender.join();
    awaitDrained(tally, plan.stallTimeout());
    try (ProcessMeter measured = meter.get()) {
      return PhaseResult.of(tally, measured.usage());
    }
  }
}
