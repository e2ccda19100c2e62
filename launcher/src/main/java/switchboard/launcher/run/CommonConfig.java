package switchboard.launcher.run;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.ConfluentRegistryClient;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.registry.SchemaRegistry;

/** Settings every component shares: the cluster, the topic names and the schema registry. */
public final class CommonConfig extends AbstractConfig {

  public static final String BOOTSTRAP_SERVERS_CONFIG = "kafka.bootstrap.servers";
  private static final String BOOTSTRAP_SERVERS_DOC = "The Kafka cluster, host:port,...";

  public static final String TOPICS_PREFIX_CONFIG = "topics.prefix";
  private static final String TOPICS_PREFIX_DOC =
      "Prefix of every Switchboard topic, so several installations can share a cluster; dots, no"
          + " underscores.";

  public static final String TOPICS_REPLICATION_CONFIG = "topics.replication.factor";
  private static final String TOPICS_REPLICATION_DOC =
      "Replication factor of the topics Switchboard creates when they are missing.";

  public static final String REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String REGISTRY_URL_DOC =
      "Confluent-compatible schema registry (Confluent, Apicurio ccompat, Karapace, Redpanda)."
          + " Empty: keep schemas in the chatops.schemas topic of the same cluster.";

  public static final String REGISTRY_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";
  private static final String REGISTRY_USER_INFO_DOC =
      "user:password for the schema registry's HTTP basic auth; empty for none.";

  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              BOOTSTRAP_SERVERS_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              BOOTSTRAP_SERVERS_DOC)
          .define(TOPICS_PREFIX_CONFIG, Type.STRING, "", Importance.MEDIUM, TOPICS_PREFIX_DOC)
          .define(
              TOPICS_REPLICATION_CONFIG,
              Type.SHORT,
              (short) 3,
              Range.atLeast(1),
              Importance.MEDIUM,
              TOPICS_REPLICATION_DOC)
          .define(REGISTRY_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, REGISTRY_URL_DOC)
          .define(
              REGISTRY_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.LOW, REGISTRY_USER_INFO_DOC);

  public CommonConfig(Map<String, ?> originals) {
    super(CONFIG, originals);
  }

  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS_CONFIG);
  }

  public Topics topics() {
    return Topics.withPrefix(getString(TOPICS_PREFIX_CONFIG));
  }

  public short replicationFactor() {
    return getShort(TOPICS_REPLICATION_CONFIG);
  }

  /** The configured registry; the caller closes it. */
  public SchemaRegistry schemaRegistry() {
    String url = getString(REGISTRY_URL_CONFIG);
    if (url.isBlank()) {
      return new KafkaTopicSchemaRegistry(bootstrapServers(), topics().schemas());
    }
    Password userInfo = getPassword(REGISTRY_USER_INFO_CONFIG);
    return new ConfluentRegistryClient(
        URI.create(url), userInfo.value().isEmpty() ? null : userInfo.value());
  }
}
