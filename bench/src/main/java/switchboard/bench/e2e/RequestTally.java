package switchboard.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * The books of one phase of load: which requests were sent, which answers came back for each, and
 * how long each took. Counts are checked, not assumed: every request must get each expected answer
 * (for example an ack and a result) exactly once.
 *
 * <p>Request {@code i} is due at {@code start + i / rate}, whether or not the system kept up, and
 * its latency counts from that intended time rather than from when it was actually sent: a sender
 * held up by a slow system would otherwise hide the very queueing it should show (coordinated
 * omission). The first {@code warmup} requests are checked but their latencies are not recorded.
 *
 * <p>Thread-safe: answers arrive on consumer threads while the sender is still running.
 */
final class RequestTally {

  /**
   * What requests lacked, got more than once, or should never have got, once the phase is over: the
   * totals, and the first {@value #LISTED} request keys of each kind.
   */
  record Problems(
      long missingCount,
      List<String> missing,
      long duplicateCount,
      List<String> duplicates,
      long unexpectedCount,
      List<String> unexpected) {

    boolean none() {
      return missingCount == 0 && duplicateCount == 0 && unexpectedCount == 0;
    }
  }

  static final int LISTED = 100;

  private final String phase;
  private final List<String> answers;
  private final int requests;
  private final int warmup;
  private final long startNanos;
  private final int rate;
  private final AtomicIntegerArray[] counts;
  private final Histogram[] latencies;
  private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final AtomicLong unexpectedCount = new AtomicLong();
  private final AtomicLong outstanding;
  private final AtomicLong lastAnswerNanos = new AtomicLong();
  private final CountDownLatch settled = new CountDownLatch(1);

  /**
   * @param phase a name unique in the run; it prefixes every request's key
   * @param answers what every request must get back, once each, in a fixed order
   * @param requests how many requests the phase sends, warm-up included
   * @param warmup how many of the first requests are not measured
   * @param startNanos {@link System#nanoTime()} at which request 0 is due
   * @param rate requests per second
   */
  RequestTally(
      String phase, List<String> answers, int requests, int warmup, long startNanos, int rate) {
    this.phase = phase;
    this.answers = List.copyOf(answers);
    this.requests = requests;
    this.warmup = warmup;
    this.startNanos = startNanos;
    this.rate = rate;
    this.counts = new AtomicIntegerArray[answers.size()];
    this.latencies = new Histogram[answers.size()];
    for (int a = 0; a < answers.size(); a++) {
      counts[a] = new AtomicIntegerArray(requests);
      // Microseconds, three significant digits; resizes itself for long stalls.
      latencies[a] = new SynchronizedHistogram(3);
    }
    this.outstanding = new AtomicLong((long) requests * answers.size());
    if (outstanding.get() == 0) {
      settled.countDown();
    }
  }

  String phase() {
    return phase;
  }

  List<String> answers() {
    return answers;
  }

  int requests() {
    return requests;
  }

  int warmup() {
    return warmup;
  }

  int rate() {
    return rate;
  }

  /** The key of request {@code index}: {@code <phase>-<index>}, used as the chat event id. */
  String key(int index) {
    return phase + "-" + index;
  }

  /** When request {@code index} is due, in {@link System#nanoTime()} terms. */
  long dueNanos(int index) {
    return startNanos + index * 1_000_000_000L / rate;
  }

  /** The index of a request key of this phase, or -1 when the key belongs to another phase. */
  int indexOf(String key) {
    if (key == null || !key.startsWith(phase) || key.length() <= phase.length() + 1) {
      return -1;
    }
    if (key.charAt(phase.length()) != '-') {
      return -1;
    }
    try {
      int index = Integer.parseInt(key.substring(phase.length() + 1));
      return index >= 0 && index < requests ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Records answer number {@code answer} (in {@link #answers()} order) of request {@code index}.
   */
  void answered(int answer, int index, long nowNanos) {
    int seen = counts[answer].incrementAndGet(index);
    if (seen != 1) {
      return;
    }
    if (index >= warmup) {
      latencies[answer].recordValue(Math.max(0, (nowNanos - dueNanos(index)) / 1_000));
    }
    lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
    if (outstanding.decrementAndGet() == 0) {
      settled.countDown();
    }
  }

  /** Records something request {@code index} should never have got, such as an error reply. */
  void unexpected(int index, String what) {
    if (unexpectedCount.getAndIncrement() < LISTED) {
      unexpected.add(key(index) + ": " + what);
    }
  }

  /** Waits until every request has every answer; false when {@code timeout} passed first. */
  boolean awaitSettled(Duration timeout) throws InterruptedException {
    return settled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** How many answers are still missing. */
  long outstanding() {
    return outstanding.get();
  }

  /** {@link System#nanoTime()} of the latest first answer, or 0 before any. */
  long lastAnswerNanos() {
    return lastAnswerNanos.get();
  }

  /** A copy of the recorded latencies of answer number {@code answer}, in microseconds. */
  Histogram latencies(int answer) {
    return latencies[answer].copy();
  }

  /** What went wrong so far. */
  Problems problems() {
    List<String> missing = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    long missingCount = 0;
    long duplicateCount = 0;
    for (int a = 0; a < answers.size(); a++) {
      for (int i = 0; i < requests; i++) {
        int seen = counts[a].get(i);
        if (seen == 0) {
          if (missingCount++ < LISTED) {
            missing.add(answers.get(a) + " " + key(i));
          }
        } else if (seen > 1) {
          if (duplicateCount++ < LISTED) {
            duplicates.add(answers.get(a) + " " + key(i) + " x" + seen);
          }
        }
      }
    }
    return new Problems(
        missingCount,
        missing,
        duplicateCount,
        duplicates,
        unexpectedCount.get(),
        List.copyOf(unexpected));
  }
}
