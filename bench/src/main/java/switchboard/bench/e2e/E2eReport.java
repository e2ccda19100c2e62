package switchboard.bench.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an end-to-end run found, as a table for people and as JSON for tools: each run of the
 * pipeline, the baseline at the same rate, their ratio, the rate search, and the machine.
 *
 * @param machine where it ran
 * @param settings how it ran (sizes, StackStorm latency, hops, tuning)
 * @param readySeconds from start until the first command made the round trip
 * @param idle what the process used with no load, or null when not measured
 * @param runs the pipeline's phases
 * @param baseline the raw Kafka baseline, or null when skipped
 * @param search the rate search, or null when not asked for
 * @param boundMs the p99 bound of the rate search
 */
record E2eReport(
    Machine machine,
    Map<String, Object> settings,
    double readySeconds,
    ProcessMeter.Usage idle,
    List<PhaseResult> runs,
    PhaseResult baseline,
    RateSearch.Outcome search,
    double boundMs) {

  /** The machine and JVM. */
  record Machine(int cpus, long memoryBytes, long maxHeapBytes, String java, String os) {

    static Machine current() {
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new Machine(
          Runtime.getRuntime().availableProcessors(),
          os.getTotalMemorySize(),
          Runtime.getRuntime().maxMemory(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Whether every phase got every answer exactly once. */
  boolean complete() {
    return runs.stream().allMatch(PhaseResult::complete)
        && (baseline == null || baseline.complete());
  }

  /** The pipeline's phase at the baseline's rate, whose first answer the ratio compares. */
  private Optional<PhaseResult> compared() {
    if (baseline == null) {
      return Optional.empty();
    }
    return runs.stream().filter(r -> r.rate() == baseline.rate()).reduce((a, b) -> b);
  }

  /** The table for a terminal. */
  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%nSwitchboard end to end: %s aliases, %s conversations, StackStorm latency %s ms,"
                + " %s Kafka hops; ready in %.1f s%n%s CPUs, %.1f GB, max heap %.1f GB, %s%n%n",
            settings.get("aliases"),
            settings.get("conversations"),
            settings.get("st2LatencyMs"),
            settings.get("hops"),
            readySeconds,
            machine.cpus(),
            machine.memoryBytes() / 1e9,
            machine.maxHeapBytes() / 1e9,
            machine.java()));
    out.append(
        String.format(
            "%-14s %7s %9s %9s  %-9s %8s %8s %8s %8s%n",
            "run",
            "rate/s",
            "requests",
            "thrpt/s",
            "answer",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms"));
    for (PhaseResult run : all()) {
      boolean first = true;
      for (Map.Entry<String, Latency> answer : run.latencies().entrySet()) {
        Latency l = answer.getValue();
        out.append(
            first
                ? String.format(
                    "%-14s %7d %9d %9.1f  ",
                    run.phase(), run.rate(), run.requests(), run.throughput())
                : String.format("%-14s %7s %9s %9s  ", "", "", "", ""));
        out.append(
            String.format(
                "%-9s %8.2f %8.2f %8.2f %8.2f%n",
                answer.getKey(), l.p50(), l.p95(), l.p99(), l.max()));
        first = false;
      }
    }
    compared()
        .ifPresent(
            run -> {
              Latency a = run.first();
              Latency b = baseline.first();
              out.append(
                  String.format(
                      "%-14s %7s %9s %9s  %-9s %7.1fx %7.1fx %7.1fx %7.1fx%n",
                      "ratio",
                      "",
                      "",
                      "",
                      "ack/raw",
                      a.p50() / b.p50(),
                      a.p95() / b.p95(),
                      a.p99() / b.p99(),
                      a.max() / b.max()));
            });
    out.append(String.format("%n%-14s %10s", "run", "CPU ms/req"));
    ProcessMeter.PARTS.forEach(part -> out.append(String.format(" %" + width(part) + "s", part)));
    out.append(String.format(" %12s %11s %12s%n", "heap max MB", "RSS max MB", "others' CPU"));
    for (PhaseResult run : all()) {
      out.append(
          String.format("%-14s %10.3f", run.phase(), run.cpuMsPerRequest().get(PhaseResult.TOTAL)));
      ProcessMeter.PARTS.forEach(
          part ->
              out.append(
                  String.format(" %" + width(part) + ".3f", run.cpuMsPerRequest().get(part))));
      out.append(
          String.format(
              " %12.0f %11.0f %12.2f%n",
              run.usage().heapMaxBytes() / 1e6,
              run.usage().residentMaxBytes() / 1e6,
              run.usage().otherProcessesCores()));
    }
    if (idle != null) {
      out.append(String.format("%-14s %10s", "idle, cores", ""));
      ProcessMeter.PARTS.forEach(
          part ->
              out.append(
                  String.format(
                      " %" + width(part) + ".3f",
                      idle.cpuSecondsByPart().get(part) / idle.wallSeconds())));
      out.append(
          String.format(
              " %12.0f %11.0f %12.2f%n",
              idle.heapMaxBytes() / 1e6,
              idle.residentMaxBytes() / 1e6,
              idle.otherProcessesCores()));
    }
    if (search != null) {
      out.append(
          String.format(
              "%nHighest rate with ack p99 <= %.0f ms and every answer complete: %d/s%n",
              boundMs, search.maxRate()));
    }
    for (PhaseResult run : all()) {
      problems(out, run);
    }
    out.append(
        complete()
            ? "\nCounts complete: every request got every answer exactly once.\n"
            : "\nFAILED: counts incomplete, see above.\n");
    return out.toString();
  }

  /** A CPU column is as wide as its part's name, and never narrower than a figure. */
  private static int width(String part) {
    return Math.max(7, part.length());
  }

  private List<PhaseResult> all() {
    return baseline == null ? runs : Stream.concat(runs.stream(), Stream.of(baseline)).toList();
  }

  private static void problems(StringBuilder out, PhaseResult run) {
    RequestTally.Problems p = run.problems();
    if (p.none()) {
      return;
    }
    out.append(
        String.format(
            "%n%s: %d missing, %d duplicated, %d unexpected answers (first %d of each listed)%n",
            run.phase(),
            p.missingCount(),
            p.duplicateCount(),
            p.unexpectedCount(),
            RequestTally.LISTED));
    p.missing().forEach(m -> out.append("  missing    ").append(m).append('\n'));
    p.duplicates().forEach(d -> out.append("  duplicate  ").append(d).append('\n'));
    p.unexpected().forEach(u -> out.append("  unexpected ").append(u).append('\n'));
  }

  /** The report as JSON. */
  String json() {
    ObjectNode root = JSON.createObjectNode();
    root.set("machine", JSON.valueToTree(machine));
    root.set("settings", JSON.valueToTree(settings));
    root.put("readySeconds", round(readySeconds));
    if (idle != null) {
      ObjectNode idleNode = root.putObject("idle");
      ObjectNode cores = idleNode.putObject("cpuCoresByPart");
      idle.cpuSecondsByPart()
          .forEach((part, seconds) -> cores.put(part, round(seconds / idle.wallSeconds())));
      idleNode.put("cpuCores", round(idle.cpuSeconds() / idle.wallSeconds()));
      idleNode.put("heapMaxMb", Math.round(idle.heapMaxBytes() / 1e6));
      idleNode.put("residentMaxMb", Math.round(idle.residentMaxBytes() / 1e6));
      idleNode.put("otherProcessesCores", round(idle.otherProcessesCores()));
    }
    root.put("complete", complete());
    ArrayNode runNodes = root.putArray("runs");
    runs.forEach(r -> runNodes.add(phase(r)));
    if (baseline != null) {
      root.set("baseline", phase(baseline));
    }
    compared()
        .ifPresent(
            run -> {
              ObjectNode ratio = root.putObject("ackToBaselineRatio");
              ratio.put("rate", run.rate());
              ratio.put("p50", round(run.first().p50() / baseline.first().p50()));
              ratio.put("p95", round(run.first().p95() / baseline.first().p95()));
              ratio.put("p99", round(run.first().p99() / baseline.first().p99()));
              ratio.put("max", round(run.first().max() / baseline.first().max()));
            });
    if (search != null) {
      ObjectNode max = root.putObject("findMax");
      max.put("ackP99BoundMs", boundMs);
      max.put("maxRate", search.maxRate());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report cannot be written as JSON", e);
    }
  }

  private static ObjectNode phase(PhaseResult run) {
    ObjectNode node = JSON.createObjectNode();
    node.put("phase", run.phase());
    node.put("rate", run.rate());
    node.put("requests", run.requests());
    node.put("throughput", round(run.throughput()));
    node.put("complete", run.complete());
    ObjectNode latencies = node.putObject("latencyMs");
    run.latencies().forEach((answer, l) -> latencies.set(answer, JSON.valueToTree(l)));
    ObjectNode cpu = node.putObject("cpuMsPerRequest");
    run.cpuMsPerRequest().forEach((part, ms) -> cpu.put(part, round(ms)));
    node.put("cpuSeconds", round(run.usage().cpuSeconds()));
    node.put("wallSeconds", round(run.usage().wallSeconds()));
    node.put("heapMaxMb", Math.round(run.usage().heapMaxBytes() / 1e6));
    node.put("residentMaxMb", Math.round(run.usage().residentMaxBytes() / 1e6));
    node.put("otherProcessesCores", round(run.usage().otherProcessesCores()));
    node.set("problems", JSON.valueToTree(run.problems()));
    return node;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
