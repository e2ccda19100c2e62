package switchboard.bench.e2e;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import switchboard.testkit.stackstorm.StackStormDouble;

/**
 * {@code stackstorm}: the StackStorm contract double serving a generated catalogue of any size, so
 * that {@code switchboard up --st2-url} can be timed and weighed with 1,000 aliases
 * (docs/performance.md).
 */
@Command(
    name = "stackstorm",
    mixinStandardHelpOptions = true,
    description =
        "Serves the StackStorm contract double with a generated alias catalogue until Ctrl-C, for"
            + " measuring `switchboard up --st2-url` with many aliases.")
public final class StackStormCommand implements Callable<Integer> {

  @Option(
      names = "--aliases",
      defaultValue = "1000",
      description = "Aliases (default: ${DEFAULT-VALUE}).")
  int aliases;

  @Option(
      names = "--port",
      defaultValue = "9101",
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--api-key",
      defaultValue = "bench-api-key",
      description = "The API key it accepts (default: ${DEFAULT-VALUE}).")
  String apiKey;

  @Override
  public Integer call() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try (StackStormDouble stackstorm =
        StackStormDouble.builder().host("127.0.0.1").port(port).apiKey(apiKey).build().start()) {
      GeneratedCatalogue.serve(stackstorm, aliases);
      System.out.printf(
          "StackStorm double with %d aliases at %s (API key %s); Ctrl-C stops it.%n",
          aliases, stackstorm.url(), apiKey);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return 0;
  }
}
