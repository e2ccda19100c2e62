package switchboard.launcher.run;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard up}: everything in one JVM. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Run everything in one JVM: an embedded Kafka broker, the local console chat, the alias"
            + " matcher, the dispatcher and the notifier; the StackStorm sandbox unless --st2-url"
            + " is given.")
public final class UpCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description = "Where Kafka and state live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--console-port",
      defaultValue = "8090",
      description = "Port of the console chat (default: ${DEFAULT-VALUE}; 0 for any).")
  int consolePort;

  @Option(
      names = "--link-port",
      defaultValue = "8091",
      description =
          "Port of the page where chat users link their StackStorm account (default:"
              + " ${DEFAULT-VALUE}; 0 for any).")
  int linkPort;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description =
          "Client port of the embedded broker when its data directory is new (default:"
              + " ${DEFAULT-VALUE}; 0 for any).")
  int kafkaPort;

  @Option(
      names = "--st2-url",
      description =
          "A real StackStorm behind nginx, e.g. https://st2.example.com. Without it, the sandbox"
              + " runs.")
  String st2Url;

  @Option(names = "--st2-api-key", description = "StackStorm API key.")
  String st2ApiKey;

  @Option(names = "--st2-token", description = "StackStorm auth token.")
  String st2Token;

  @Option(names = "--st2-user", description = "StackStorm user, with --st2-password.")
  String st2User;

  @Option(
      names = "--st2-password",
      interactive = true,
      arity = "0..1",
      description = "StackStorm password; prompted when given without a value.")
  String st2Password;

  @Option(
      names = "--permissions",
      description =
          "Matcher permissions mode: enforce (identities and policies) or open (everyone may run"
              + " everything). Default: open for the sandbox, enforce with --st2-url.")
  String permissions;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    EmbeddedSwitchboard switchboard =
        EmbeddedSwitchboard.start(
            new EmbeddedSwitchboard.Options(
                dataDir,
                kafkaPort,
                consolePort,
                linkPort,
                permissionsMode(),
                stackstormSettings()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  switchboard.close();
                  stopped.countDown();
                },
                "switchboard-shutdown"));
    System.out.printf(
        "%nSwitchboard is ready in %.1f s.%n  Chat:       %s%n  StackStorm: %s%n  Kafka:      %s%n"
            + "Press Ctrl-C to stop.%n",
        (System.nanoTime() - start) / 1e9,
        switchboard.consoleUrl(),
        switchboard.stackstorm(),
        switchboard.bootstrapServers());
    stopped.await();
    return 0;
  }

  /** Open is only safe against the sandbox; a real StackStorm gets enforcement unless asked. */
  private String permissionsMode() {
    if (permissions != null) {
      return permissions;
    }
    return st2Url == null ? "open" : "enforce";
  }

  private Map<String, String> stackstormSettings() {
    Map<String, String> settings = new HashMap<>();
    if (st2Url == null) {
      return settings;
    }
    settings.put("dispatcher.st2.url", st2Url);
    putIfSet(settings, "dispatcher.st2.api.key", st2ApiKey);
    putIfSet(settings, "dispatcher.st2.auth.token", st2Token);
    putIfSet(settings, "dispatcher.st2.username", st2User);
    putIfSet(settings, "dispatcher.st2.password", st2Password);
    return settings;
  }

  private static void putIfSet(Map<String, String> settings, String key, String value) {
    if (value != null && !value.isEmpty()) {
      settings.put(key, value);
    }
  }
}
