package switchboard.bench.e2e;

import org.HdrHistogram.Histogram;

/** A latency distribution in milliseconds. */
record Latency(long count, double p50, double p95, double p99, double max) {

  /** From a histogram of microseconds. */
  static Latency of(Histogram micros) {
    return new Latency(
        micros.getTotalCount(),
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(95)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getMaxValue()));
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
