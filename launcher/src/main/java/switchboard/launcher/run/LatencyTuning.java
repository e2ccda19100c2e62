package switchboard.launcher.run;

import java.util.Map;

/**
 * Settings that shorten the time from a chat message to its ack, over the components' defaults:
 * {@code switchboard up} and the end-to-end benchmark run with them. Each is explained, with the
 * measurement that chose it, in docs/performance.md ("Tuning"). They cost broker CPU (more
 * transactions), so a shared production cluster keeps the components' defaults unless it wants the
 * latency.
 */
public final class LatencyTuning {

  public static final Map<String, String> SETTINGS =
      Map.of(
          // Transactions (v2) answer the first write after a commit with CONCURRENT_TRANSACTIONS
          // until the commit's markers are written; the client then waits retry.backoff.ms
          // (100 ms by default) before trying again, on every hop that writes in transactions.
          "kafka.retry.backoff.ms", "10",
          // Under exactly-once the matcher's output is visible only after its transaction
          // commits, so the commit interval is a floor of the matcher hop (100 ms by default).
          "matcher.commit.interval.ms", "20");

  private LatencyTuning() {}
}
