package switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code jmh ARGS...}: JMH's own command line, so every JMH option works unchanged. */
@Command(
    name = "jmh",
    description = {
      "Runs the JMH microbenchmarks; every argument goes to JMH unchanged.",
      "Example: jmh AliasMatcherBenchmark -p aliases=10,1000 -f 1. JMH's help: jmh -h."
    })
final class JmhCommand implements Callable<Integer> {

  @Unmatched List<String> jmhArguments = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    org.openjdk.jmh.Main.main(jmhArguments.toArray(String[]::new));
    return 0;
  }
}
