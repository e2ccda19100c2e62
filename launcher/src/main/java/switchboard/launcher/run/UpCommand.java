package switchboard.launcher.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import switchboard.connector.console.ConsoleConnector;
import switchboard.connector.runtime.ConnectorRuntime;
import switchboard.launcher.embedded.EmbeddedKafkaBroker;
import switchboard.matcher.AliasMatcherApp;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.stackstorm.StackStormDouble;
import switchboard.testkit.stackstorm.StackStormSandbox;

/**
 * {@code switchboard up}: the whole pipeline in one JVM on an embedded single-node broker, with the
 * console chat, and the StackStorm sandbox unless a real StackStorm is given.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Run everything in one JVM: an embedded Kafka broker, the connectors with the local console"
            + " chat, the alias matcher, the dispatcher and the notifier.")
public final class UpCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

  @Option(names = "--data-dir", defaultValue = "data", description = "Where Kafka and state live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--console-port", defaultValue = "8090", description = "Port of the console chat (default: ${DEFAULT-VALUE}; 0 for any).")
  int consolePort;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Client port of the embedded broker on first start (default: ${DEFAULT-VALUE}; 0 for any).")
  int kafkaPort;

  @Option(names = "--st2-url", description = "A real StackStorm behind nginx, e.g. https://st2.example.com. Without it, the sandbox runs.")
  String st2Url;

  @Option(names = "--st2-api-key", description = "StackStorm API key.")
  String st2ApiKey;

  @Option(names = "--st2-token", description = "StackStorm auth token.")
  String st2Token;

  @Option(names = "--st2-user", description = "StackStorm user, with --st2-password.")
  String st2User;

  @Option(names = "--st2-password", description = "StackStorm password (or SWITCHBOARD_ST2_PASSWORD).", interactive = true, arity = "0..1")
  String st2Password;

  @Option(names = "--permissions", defaultValue = "open", description = "Matcher permissions mode (default: ${DEFAULT-VALUE}).")
  String permissions;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Components components = new Components();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(components), "switchboard-shutdown"));
    try {
      EmbeddedKafkaBroker broker = components.add("kafka", EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), kafkaPort));
      Topics topics = Topics.defaults();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
      }
      KafkaTopicSchemaRegistry registry =
          components.add("schema registry", new KafkaTopicSchemaRegistry(broker.bootstrapServers(), topics.schemas()));
      Map<String, String> config = config(broker.bootstrapServers());
      String stackstorm = stackstorm(components, config);
      Pipeline pipeline = new Pipeline(config, topics, new RecordSerdes(registry), new SimpleMeterRegistry());
      ConnectorRuntime connectors = components.add("connectors", pipeline.connectors());
      components.add("notifier", pipeline.notifier(connectors));
      AliasMatcherApp matcher = components.add("alias matcher", pipeline.matcher());
      components.add("dispatcher", pipeline.dispatcher());
      awaitRunning(matcher);
      ConsoleConnector console = (ConsoleConnector) connectors.connectors().get("console");
      System.out.printf(
          "%nSwitchboard is ready in %.1f s.%n  Chat:      %s%n  StackStorm: %s%n  Kafka:     %s%nPress Ctrl-C to stop.%n",
          (System.nanoTime() - start) / 1e9, console.address(), stackstorm, broker.bootstrapServers());
      stopped.await();
      return 0;
    } catch (Exception e) {
      LOG.error("switchboard up failed: {}", e.getMessage(), e);
      components.close();
      return 1;
    }
  }

  private Map<String, String> config(String bootstrap) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", bootstrap);
    // One fresh node: replies written before the notifier first joins must still be delivered.
    config.put("kafka.auto.offset.reset", "earliest");
    config.put("matcher.permissions.mode", permissions);
    config.put("matcher.state.dir", dataDir.resolve("streams").toAbsolutePath().toString());
    config.put("connectors.console.provider", "console");
    config.put("connectors.console.http.port", Integer.toString(consolePort));
    return config;
  }

  /** Adds the StackStorm settings to {@code config}; starts the sandbox when none is given. */
  private String stackstorm(Components components, Map<String, String> config) throws Exception {
    if (st2Url != null) {
      config.put("dispatcher.st2.url", st2Url);
      putIfSet(config, "dispatcher.st2.api.key", st2ApiKey);
      putIfSet(config, "dispatcher.st2.auth.token", st2Token);
      putIfSet(config, "dispatcher.st2.username", st2User);
      putIfSet(config, "dispatcher.st2.password", st2Password != null ? st2Password : System.getenv("SWITCHBOARD_ST2_PASSWORD"));
      return st2Url;
    }
    String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    StackStormDouble sandbox =
        components.add("StackStorm sandbox", StackStormSandbox.config().host("127.0.0.1").port(0).apiKey(apiKey).build().start());
    config.put("dispatcher.st2.url", sandbox.url().toString());
    config.put("dispatcher.st2.api.key", apiKey);
    config.put(
        "connectors.console.banner",
        "StackStorm sandbox: a local test double with sample aliases, not a real StackStorm."
            + " Start with --st2-url to use yours.");
    return sandbox.url() + " (SANDBOX: a test double, not StackStorm)";
  }

  private static void putIfSet(Map<String, String> config, String key, String value) {
    if (value != null && !value.isEmpty()) {
      config.put(key, value);
    }
  }

  private static void awaitRunning(AliasMatcherApp matcher) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (matcher.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !matcher.state().isRunningOrRebalancing()) {
        throw new IllegalStateException("the alias matcher did not start: " + matcher.state());
      }
      Thread.sleep(50);
    }
  }

  private void shutdown(Components components) {
    components.close();
    stopped.countDown();
  }
}
