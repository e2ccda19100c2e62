package switchboard.bench.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Keeps the JMH benchmark working: one short iteration per method, no time asserted. */
class AliasMatcherBenchmarkSmokeTest {

  @Test
  void shouldMeasureTheIndexedMatcherAndItsBaselineWhenRunOnce() throws Exception {
    // Given one 100 ms iteration on 10 aliases, in a forked JVM as a real run does
    Options options =
        new OptionsBuilder()
            .include(AliasMatcherBenchmark.class.getName() + "\\.")
            .param("aliases", "10")
            .forks(1)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .build();

    // When it runs
    Collection<RunResult> results = new Runner(options).run();

    // Then both methods produced a score
    assertThat(results)
        .extracting(r -> r.getParams().getBenchmark())
        .containsExactlyInAnyOrder(
            AliasMatcherBenchmark.class.getName() + ".indexed",
            AliasMatcherBenchmark.class.getName() + ".linearBaseline");
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }
}
