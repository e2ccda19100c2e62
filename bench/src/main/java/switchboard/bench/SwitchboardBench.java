package switchboard.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import switchboard.bench.e2e.E2eBenchmark;
import switchboard.bench.e2e.StackStormCommand;
import switchboard.schemas.RecordTrust;

/**
 * {@code java -jar bench/target/benchmarks.jar}: the end-to-end load generator ({@code e2e}), the
 * JMH microbenchmarks ({@code jmh}), and a StackStorm double with a generated catalogue ({@code
 * stackstorm}), as docs/performance.md describes.
 */
@Command(
    name = "switchboard-bench",
    mixinStandardHelpOptions = true,
    description = "Switchboard benchmarks: each measures against a baseline in the same run.",
    subcommands = {E2eBenchmark.class, JmhCommand.class, StackStormCommand.class})
public final class SwitchboardBench {

  public static void main(String[] args) {
    RecordTrust.install();
    System.exit(new CommandLine(new SwitchboardBench()).execute(args));
  }
}
