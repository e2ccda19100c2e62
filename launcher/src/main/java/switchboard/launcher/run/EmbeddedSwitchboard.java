package switchboard.launcher.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
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
 * Everything in one JVM: an embedded broker, the console chat, the matcher, the dispatcher, the
 * notifier, and the StackStorm sandbox unless a real StackStorm is configured. What {@code
 * switchboard up} runs.
 */
public final class EmbeddedSwitchboard implements AutoCloseable {

  /**
   * How to start.
   *
   * @param linkPort port of the dispatcher's self-service link page; 0 for any
   * @param stackstorm {@code dispatcher.st2.*} settings of a real StackStorm; empty runs the
   *     sandbox
   */
  public record Options(
      Path dataDir,
      int kafkaPort,
      int consolePort,
      int linkPort,
      String permissionsMode,
      Map<String, String> stackstorm) {}

  /**
   * The sandbox's one StackStorm user, with st2's documented sample password: the sandbox is a
   * local test double, so the credentials guard nothing.
   */
  static final String SANDBOX_USER = "st2admin";

  static final String SANDBOX_PASSWORD = "Ch@ngeMe";

  private final Components components;
  private final String bootstrapServers;
  private final URI consoleUrl;
  private final String stackstormDescription;

  private EmbeddedSwitchboard(
      Components components, String bootstrapServers, URI consoleUrl, String stackstorm) {
    this.components = components;
    this.bootstrapServers = bootstrapServers;
    this.consoleUrl = consoleUrl;
    this.stackstormDescription = stackstorm;
  }

  /** Starts everything and returns once the matcher processes events. */
  public static EmbeddedSwitchboard start(Options options) throws Exception {
    return start(options, Map.of());
  }

  /**
   * As {@link #start(Options)}, with further settings on top, e.g. more connector instances ({@code
   * connectors.ops-slack.provider=slack}, ...).
   */
  public static EmbeddedSwitchboard start(Options options, Map<String, String> settings)
      throws Exception {
    Components components = new Components();
    try {
      EmbeddedKafkaBroker broker =
          components.add(
              "kafka",
              EmbeddedKafkaBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort()));
      Topics topics = Topics.defaults();
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
      }
      KafkaTopicSchemaRegistry registry =
          components.add(
              "schema registry",
              new KafkaTopicSchemaRegistry(broker.bootstrapServers(), topics.schemas()));
      Map<String, String> config = config(options, broker.bootstrapServers());
      config.putAll(settings);
      String stackstorm = stackstorm(options, components, config);
      Pipeline pipeline =
          new Pipeline(config, topics, new RecordSerdes(registry), new SimpleMeterRegistry());
      ConnectorRuntime connectors = components.add("connectors", pipeline.connectors());
      components.add("notifier", pipeline.notifier(connectors));
      AliasMatcherApp matcher = components.add("alias matcher", pipeline.matcher());
      components.add("dispatcher", pipeline.dispatcher());
      awaitRunning(matcher);
      URI console = ((ConsoleConnector) connectors.connectors().get("console")).address();
      return new EmbeddedSwitchboard(components, broker.bootstrapServers(), console, stackstorm);
    } catch (Exception | Error e) {
      components.close();
      throw e;
    }
  }

  private static Map<String, String> config(Options options, String bootstrap) {
    Map<String, String> config = new HashMap<>(LatencyTuning.SETTINGS);
    config.put("kafka.bootstrap.servers", bootstrap);
    // One fresh node: replies written before the notifier first joins must still be delivered.
    config.put("kafka.auto.offset.reset", "earliest");
    config.put("matcher.permissions.mode", options.permissionsMode());
    config.put(
        "matcher.state.dir", options.dataDir().resolve("streams").toAbsolutePath().toString());
    config.put("connectors.console.provider", "console");
    config.put("connectors.console.http.port", Integer.toString(options.consolePort()));
    // The browser runs on this host: the page's own address is the one to offer.
    config.put("dispatcher.link.enabled", "true");
    config.put("dispatcher.link.port", Integer.toString(options.linkPort()));
    return config;
  }

  /** Adds the StackStorm settings to {@code config}, starting the sandbox when none are given. */
  private static String stackstorm(
      Options options, Components components, Map<String, String> config) throws Exception {
    if (!options.stackstorm().isEmpty()) {
      config.putAll(options.stackstorm());
      return options.stackstorm().getOrDefault("dispatcher.st2.url", "configured StackStorm");
    }
    String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    StackStormDouble sandbox =
        components.add(
            "StackStorm sandbox",
            StackStormSandbox.config()
                .host("127.0.0.1")
                .port(0)
                .apiKey(apiKey)
                .user(SANDBOX_USER, SANDBOX_PASSWORD)
                .build()
                .start());
    config.put("dispatcher.st2.url", sandbox.url().toString());
    config.put("dispatcher.st2.api.key", apiKey);
    config.put(
        "connectors.console.banner",
        "StackStorm sandbox: a local test double with sample aliases, not a real StackStorm."
            + " Start with --st2-url to use yours. To try identities, send link in a direct"
            + " conversation (@you) and sign in as "
            + SANDBOX_USER
            + " / "
            + SANDBOX_PASSWORD
            + ".");
    return sandbox.url() + " (SANDBOX: a test double, not StackStorm)";
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

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public URI consoleUrl() {
    return consoleUrl;
  }

  /** The StackStorm in use, marked when it is the sandbox. */
  public String stackstorm() {
    return stackstormDescription;
  }

  @Override
  public void close() {
    components.close();
  }
}
