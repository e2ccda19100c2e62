package switchboard.launcher.admin;

import picocli.CommandLine.Option;

/**
 * Where the Switchboard topics are: the options every administration command takes. The default
 * bootstrap address is the one {@code switchboard up} starts its embedded broker on and prints.
 */
public final class ClusterOptions {

  /** The embedded broker of {@code switchboard up} on its default port. */
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "${env:SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP + "}",
      description =
          "Kafka cluster, host:port,... (default: $SWITCHBOARD_KAFKA_BOOTSTRAP_SERVERS, else"
              + " ${DEFAULT-VALUE}, where `switchboard up` listens).")
  String bootstrapServers;

  @Option(
      names = "--topics-prefix",
      defaultValue = "${env:SWITCHBOARD_TOPICS_PREFIX:-}",
      description = "Prefix of the Switchboard topics, as in topics.prefix (default: none).")
  String topicsPrefix;

  @Option(
      names = "--schema-registry-url",
      defaultValue = "${env:SWITCHBOARD_SCHEMA_REGISTRY_URL:-}",
      description =
          "Confluent-compatible schema registry; by default schemas are kept in the"
              + " chatops.schemas topic of the cluster.")
  String schemaRegistryUrl;

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String topicsPrefix() {
    return topicsPrefix == null ? "" : topicsPrefix;
  }

  /** The registry URL, or null for the Kafka-topic registry. */
  public String schemaRegistryUrl() {
    return schemaRegistryUrl == null || schemaRegistryUrl.isBlank() ? null : schemaRegistryUrl;
  }
}
