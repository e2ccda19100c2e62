package switchboard.bench.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one phase of load measured, warm-up excluded.
 *
 * @param phase the phase's name, the prefix of its request keys
 * @param rate the offered rate, requests per second
 * @param requests measured requests
 * @param throughput measured requests per second, from when the first was due until the last answer
 *     came back
 * @param latencies per expected answer, from the intended send time
 * @param cpuMsPerRequest process CPU per measured request, and per part of the process
 * @param usage CPU, heap and resident set over the measured window
 * @param problems what was missing, duplicated or unexpected; none for a valid phase
 */
record PhaseResult(
    String phase,
    int rate,
    int requests,
    double throughput,
    Map<String, Latency> latencies,
    Map<String, Double> cpuMsPerRequest,
    ProcessMeter.Usage usage,
    RequestTally.Problems problems) {

  static final String TOTAL = "total";

  /** Whether every request got every answer exactly once and nothing else. */
  boolean complete() {
    return problems.none();
  }

  /** The latency of the first expected answer (the ack of a command). */
  Latency first() {
    return latencies.values().iterator().next();
  }

  static PhaseResult of(RequestTally tally, ProcessMeter.Usage usage) {
    int measured = tally.requests() - tally.warmup();
    Map<String, Latency> latencies = new LinkedHashMap<>();
    for (int a = 0; a < tally.answers().size(); a++) {
      latencies.put(tally.answers().get(a), Latency.of(tally.latencies(a)));
    }
    double window =
        tally.lastAnswerNanos() == 0
            ? usage.wallSeconds()
            : (tally.lastAnswerNanos() - tally.dueNanos(tally.warmup())) / 1e9;
    Map<String, Double> cpu = new LinkedHashMap<>();
    cpu.put(TOTAL, perRequestMs(usage.cpuSeconds(), measured));
    usage
        .cpuSecondsByPart()
        .forEach((part, seconds) -> cpu.put(part, perRequestMs(seconds, measured)));
    return new PhaseResult(
        tally.phase(),
        tally.rate(),
        measured,
        window > 0 ? measured / window : 0,
        latencies,
        cpu,
        usage,
        tally.problems());
  }

  private static double perRequestMs(double cpuSeconds, int requests) {
    return requests == 0 ? 0 : cpuSeconds * 1000 / requests;
  }
}
