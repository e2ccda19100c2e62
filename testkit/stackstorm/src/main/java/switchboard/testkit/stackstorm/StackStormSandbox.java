package switchboard.testkit.stackstorm;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the StackStorm test double on its own, with the {@link SampleAliases}, for trying
 * Switchboard without a StackStorm:
 *
 * <pre>
 * java switchboard.testkit.stackstorm.StackStormSandbox [port] [api-key] [user:password]
 * </pre>
 *
 * Defaults: port 9101, API key {@code sandbox-api-key}, user {@code st2admin:Ch@ngeMe} (st2's
 * documented sample password). Stop it with Ctrl-C.
 */
public final class StackStormSandbox {

  private StackStormSandbox() {}

  /**
   * A config builder preloaded with the sample aliases and a one-second execution time, for the
   * launcher's sandbox mode; add credentials and start it.
   */
  public static StackStormDoubleConfig.Builder config() {
    return StackStormDouble.builder()
        .aliases(SampleAliases.load())
        .executionDelay(Duration.ofSeconds(1));
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9101;
    String apiKey = args.length > 1 ? args[1] : "sandbox-api-key";
    String[] user = (args.length > 2 ? args[2] : "st2admin:Ch@ngeMe").split(":", 2);
    StackStormDouble sandbox =
        config()
            .port(port)
            .apiKey(apiKey)
            .user(user[0], user.length > 1 ? user[1] : "")
            .build()
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
