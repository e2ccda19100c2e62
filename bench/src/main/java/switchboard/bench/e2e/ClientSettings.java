package switchboard.bench.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The pipeline's Kafka client settings (its {@code kafka.*} keys, prefix stripped), given to the
 * load generator's and the baseline's own clients too, so every hop measured runs with the same
 * linger, batching and fetch settings.
 */
record ClientSettings(Map<String, String> settings) {

  private static final String PREFIX = "kafka.";

  ClientSettings {
    settings = Map.copyOf(settings);
  }

  /** The {@code kafka.*} keys of a pipeline configuration. */
  static ClientSettings of(Map<String, String> pipelineConfig) {
    Map<String, String> settings = new HashMap<>();
    pipelineConfig.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX)) {
            settings.put(key.substring(PREFIX.length()), value);
          }
        });
    return new ClientSettings(settings);
  }

  /** A producer's configuration: the settings a producer knows, under {@code clientId}. */
  Map<String, Object> producer(String clientId) {
    Map<String, Object> config = known(ProducerConfig.configNames());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /** A consumer's configuration in {@code groupId}, reading a new group from the start. */
  Map<String, Object> consumer(String clientId, String groupId) {
    Map<String, Object> config = known(ConsumerConfig.configNames());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  private Map<String, Object> known(Set<String> names) {
    Map<String, Object> config = new HashMap<>();
    settings.forEach(
        (key, value) -> {
          if (names.contains(key)) {
            config.put(key, value);
          }
        });
    return config;
  }
}
