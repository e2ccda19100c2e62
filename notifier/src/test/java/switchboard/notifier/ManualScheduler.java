package switchboard.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A scheduler whose time moves only when a test says so; tasks run on the test's thread. */
final class ManualScheduler implements DeliveryScheduler {

  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
  private Instant now = START;
  private long sequence;

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    tasks.add(new Task(now.plus(delay), sequence++, task));
  }

  /** Moves time forward by {@code step}, running every task that falls due, in time order. */
  void advance(Duration step) {
    Instant target;
    synchronized (this) {
      target = now.plus(step);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due().isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        now = next.due();
      }
      next.run().run();
    }
  }

  /** Runs what is due now without moving time. */
  void runDue() {
    advance(Duration.ZERO);
  }

  private record Task(Instant due, long sequence, Runnable run) {}
}
