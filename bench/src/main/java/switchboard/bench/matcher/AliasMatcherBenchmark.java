package switchboard.bench.matcher;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.IndexedAliasMatcher;
import switchboard.matcher.match.LinearAliasMatcher;
import switchboard.matcher.match.MatchResult;

/**
 * Match throughput of the indexed matcher against the plain linear scan over the same compiled
 * aliases (the baseline, measured in the same run), at 10, 1,000 and 10,000 aliases.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar AliasMatcherBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AliasMatcherBenchmark {

  @Param({"10", "1000", "10000"})
  public int aliases;

  private IndexedAliasMatcher indexed;
  private LinearAliasMatcher linear;
  private List<String> commands;
  private int next;

  @Setup(Level.Trial)
  public void compile() {
    List<Alias> catalogue = AliasCatalogues.catalogue(aliases);
    indexed = new IndexedAliasMatcher(catalogue);
    linear = new LinearAliasMatcher(catalogue);
    commands = AliasCatalogues.commands(aliases, 4096, 42);
  }

  private String nextCommand() {
    next = (next + 1) & 4095;
    return commands.get(next);
  }

  @Benchmark
  public MatchResult indexed() {
    return indexed.match(nextCommand());
  }

  /** The baseline: every alias's every format tried, as StackStorm's own match endpoint does. */
  @Benchmark
  public MatchResult linearBaseline() {
    return linear.match(nextCommand());
  }
}
