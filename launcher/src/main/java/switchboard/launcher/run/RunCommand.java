package switchboard.launcher.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import switchboard.connector.runtime.ConnectorRuntime;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.serde.RecordSerdes;

/**
 * {@code switchboard run <component>}: one component against an external Kafka cluster, the
 * distributed mode. Scale out by running more instances: they share consumer groups and Streams
 * tasks.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run one component against an external Kafka cluster. Settings come from --config and from"
            + " SWITCHBOARD_<KEY> environment variables (kafka.bootstrap.servers ->"
            + " SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS).")
public final class RunCommand implements Callable<Integer> {

  /** What a process can run. */
  enum Component {
    /** The Kafka Streams alias matcher. */
    matcher,
    /** The StackStorm dispatcher. */
    dispatcher,
    /** The chat connectors and the notifier that posts through them. */
    chat,
    /** All of the above in one process. */
    all
  }

  @Parameters(paramLabel = "COMPONENT", description = "matcher, dispatcher, chat or all.")
  Component component;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file.")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    Map<String, String> config = settings(configFile, System.getenv());
    CommonConfig common = new CommonConfig(config);
    Components components = new Components();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  components.close();
                  stopped.countDown();
                }));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers()))) {
      new TopicProvisioner(admin, common.replicationFactor())
          .ensure(TopicProvisioner.requirements(common.topics()));
    }
    RecordSerdes serdes =
        new RecordSerdes(components.add("schema registry", common.schemaRegistry()));
    Pipeline pipeline = new Pipeline(config, common.topics(), serdes, new SimpleMeterRegistry());
    if (component == Component.chat || component == Component.all) {
      ConnectorRuntime connectors = components.add("connectors", pipeline.connectors());
      components.add("notifier", pipeline.notifier(connectors));
    }
    if (component == Component.matcher || component == Component.all) {
      components.add("alias matcher", pipeline.matcher());
    }
    if (component == Component.dispatcher || component == Component.all) {
      components.add("dispatcher", pipeline.dispatcher());
    }
    stopped.await();
    return 0;
  }

  /**
   * The file's settings, overridden by {@code SWITCHBOARD_*} environment variables: the key in
   * upper snake case ({@code matcher.command.prefix} is {@code
   * SWITCHBOARD_MATCHER_COMMAND_PREFIX}).
   */
  static Map<String, String> settings(Path file, Map<String, String> environment)
      throws IOException {
    Map<String, String> settings = new HashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    }
    Map<String, String> byEnvName = new HashMap<>();
    settings.keySet().forEach(k -> byEnvName.put(envName(k), k));
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("SWITCHBOARD_") && !name.equals("SWITCHBOARD_JAVA_OPTS")) {
            settings.put(byEnvName.getOrDefault(name, keyOf(name)), value);
          }
        });
    return settings;
  }

  static String envName(String key) {
    return "SWITCHBOARD_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static String keyOf(String envName) {
    return envName.substring("SWITCHBOARD_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
