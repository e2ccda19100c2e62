package switchboard.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import switchboard.launcher.run.LatencyTuning;

/**
 * {@code e2e}: the whole pipeline in one JVM under open-loop load, timed from each chat event to
 * its ack and to its result, next to raw Kafka records through the same number of hops. See
 * docs/performance.md.
 */
@Command(
    name = "e2e",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline in this JVM (embedded broker, alias matcher, dispatcher, StackStorm"
          + " contract double) under open-loop load of chat events, and times each from the event"
          + " to its ack and to its result; then the raw Kafka baseline through the same number of"
          + " hops. Exits 1 unless every event got exactly one ack and one result."
    })
public final class E2eBenchmark implements Callable<Integer> {

  @Option(
      names = "--rate",
      defaultValue = "200",
      description =
          "Chat events per second (default: ${DEFAULT-VALUE}); with --find-max, the first rate tried.")
  int rate;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      converter = HumanDuration.class,
      description = "How long to measure (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "20s",
      converter = HumanDuration.class,
      description =
          "How long to send at the same rate before measuring (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--aliases",
      defaultValue = "10",
      description = "Aliases in the catalogue (default: ${DEFAULT-VALUE}).")
  int aliases;

  @Option(
      names = "--conversations",
      defaultValue = "100",
      description = "Channels the events are spread over (default: ${DEFAULT-VALUE}).")
  int conversations;

  @Option(
      names = "--st2-latency",
      defaultValue = "0ms",
      converter = HumanDuration.class,
      description =
          "How long the StackStorm double takes per API call (default: ${DEFAULT-VALUE}).")
  Duration st2Latency;

  @Option(
      names = "--st2-execution-time",
      defaultValue = "0ms",
      converter = HumanDuration.class,
      description = "How long each simulated execution runs (default: ${DEFAULT-VALUE}).")
  Duration st2ExecutionTime;

  @Option(
      names = "--idle",
      defaultValue = "5s",
      converter = HumanDuration.class,
      description =
          "How long to measure the pipeline's own CPU without load first; 0s to skip (default:"
              + " ${DEFAULT-VALUE}).")
  Duration idle;

  @Option(
      names = "--find-max",
      description =
          "Search the highest rate whose ack p99 stays under --p99-bound-ms, starting at --rate.")
  boolean findMax;

  @Option(
      names = "--p99-bound-ms",
      defaultValue = "100",
      description = "The ack p99 bound of --find-max (default: ${DEFAULT-VALUE}).")
  double p99BoundMs;

  @Option(
      names = "--max-rate",
      defaultValue = "20000",
      description = "The highest rate --find-max tries (default: ${DEFAULT-VALUE}).")
  int maxRate;

  @Option(names = "--skip-baseline", description = "Do not run the raw Kafka baseline.")
  boolean skipBaseline;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the report as JSON to FILE.")
  Path json;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A pipeline setting over the benchmark's tuning, as in switchboard.properties (e.g. --set matcher.commit.interval.ms=100 --set kafka.linger.ms=5); repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--data-dir",
      description =
          "Where the broker and Streams state live (default: a new temporary directory, deleted at the end).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    Path data = dataDir != null ? dataDir : Files.createTempDirectory("switchboard-bench");
    try {
      E2eReport report = run(data);
      System.out.print(report.table());
      if (json != null) {
        Files.writeString(json, report.json());
      }
      return report.complete() ? 0 : 1;
    } finally {
      if (dataDir == null) {
        delete(data);
      }
    }
  }

  private E2eReport run(Path data) throws Exception {
    Map<String, String> tuning = new TreeMap<>(LatencyTuning.SETTINGS);
    tuning.putAll(overrides);
    PipelineUnderTest.Settings settings =
        new PipelineUnderTest.Settings(
            aliases, conversations, st2Latency, st2ExecutionTime, tuning, data);
    try (PipelineUnderTest pipeline = PipelineUnderTest.start(settings)) {
      ProcessMeter.Usage idleUsage = idle.isZero() ? null : idleUsage();
      List<PhaseResult> runs;
      RateSearch.Outcome search = null;
      int baselineRate = rate;
      if (findMax) {
        search =
            new RateSearch(rate, maxRate)
                .search(
                    r -> OpenLoop.run(plan("max" + r, r), pipeline),
                    step -> step.complete() && step.first().p99() <= p99BoundMs);
        runs = search.steps();
        baselineRate = Math.max(1, search.maxRate());
      } else {
        runs = List.of(OpenLoop.run(plan("e2e" + rate, rate), pipeline));
      }
      PhaseResult baseline = skipBaseline ? null : baseline(pipeline, baselineRate);
      return new E2eReport(
          E2eReport.Machine.current(),
          reportedSettings(pipeline),
          pipeline.readyIn().toMillis() / 1000.0,
          idleUsage,
          runs,
          baseline,
          search,
          p99BoundMs);
    }
  }

  /** What the started pipeline, broker and double use with no load at all. */
  private ProcessMeter.Usage idleUsage() throws InterruptedException {
    try (ProcessMeter meter = ProcessMeter.start()) {
      Thread.sleep(idle.toMillis());
      return meter.usage();
    }
  }

  private PhaseResult baseline(PipelineUnderTest pipeline, int baselineRate) throws Exception {
    try (RelayBaseline relays =
        RelayBaseline.start(
            pipeline.bootstrapServers(),
            pipeline.clientSettings(),
            PipelineUnderTest.HOPS,
            pipeline.partitions(),
            conversations,
            pipeline.sampleEventBytes())) {
      return OpenLoop.run(plan("baseline" + baselineRate, baselineRate), relays);
    }
  }

  /** Answers missing after 30 s without any new one are lost, and fail the phase. */
  private OpenLoop.Plan plan(String phase, int planRate) {
    return new OpenLoop.Plan(phase, planRate, warmup, duration, Duration.ofSeconds(30));
  }

  private Map<String, Object> reportedSettings(PipelineUnderTest pipeline) {
    Map<String, Object> reported = new LinkedHashMap<>();
    reported.put("aliases", aliases);
    reported.put("conversations", conversations);
    reported.put("st2LatencyMs", st2Latency.toMillis());
    reported.put("st2ExecutionMs", st2ExecutionTime.toMillis());
    reported.put("hops", PipelineUnderTest.HOPS);
    reported.put("warmupSeconds", warmup.toMillis() / 1000.0);
    reported.put("durationSeconds", duration.toMillis() / 1000.0);
    Map<String, String> config = new TreeMap<>(pipeline.config());
    // What differs from run to run, and the credential, say nothing about the figures.
    config
        .keySet()
        .removeIf(
            k ->
                k.endsWith("api.key")
                    || k.endsWith("bootstrap.servers")
                    || k.endsWith("st2.url")
                    || k.endsWith("state.dir"));
    reported.put("pipeline", config);
    return reported;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(E2eBenchmark::deleteOne);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
