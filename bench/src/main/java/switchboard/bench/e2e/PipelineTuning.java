package switchboard.bench.e2e;

import java.util.Map;

/**
 * The settings the benchmark runs the pipeline with, over the components' defaults; each is
 * explained, with the measurement that chose it, in docs/performance.md ("Tuning"). {@code --set}
 * overrides any of them.
 */
final class PipelineTuning {

  static final Map<String, String> SETTINGS =
      Map.of(
          // Transactions (v2) answer the first write after a commit with CONCURRENT_TRANSACTIONS
          // until the commit's markers are written; the client then waits retry.backoff.ms
          // (100 ms by default) before trying again, on every hop that writes in transactions.
          "kafka.retry.backoff.ms", "10",
          // Under exactly-once the matcher's output is visible only after its transaction
          // commits, so the commit interval is a floor of the matcher hop (100 ms by default).
          "matcher.commit.interval.ms", "20");

  private PipelineTuning() {}
}
