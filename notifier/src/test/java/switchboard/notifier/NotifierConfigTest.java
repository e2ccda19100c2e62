package switchboard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {

  private static final Map<String, String> MINIMAL =
      Map.of("kafka.bootstrap.servers", "localhost:9092");

  @Test
  void shouldDocumentEveryKey() {
    for (ConfigDef.ConfigKey key : NotifierConfig.configDef().configKeys().values()) {
      assertThat(key.documentation).as("doc of %s", key.name).isNotBlank();
      assertThat(key.name).as("key %s", key.name).startsWith("notifier.");
    }
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    Map<String, String> bad =
        Map.of("notifier.retry.max.attempts", "0", "notifier.retry.jitter", "1.5");

    assertThatThrownBy(() -> NotifierConfig.from(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifier.retry.max.attempts")
        .hasMessageContaining("notifier.retry.jitter")
        .hasMessageContaining("kafka.bootstrap.servers");
  }

  @Test
  void shouldDeriveDeliverySettingsFromTheDefaults() {
    NotifierConfig config = NotifierConfig.from(MINIMAL);

    assertThat(config.deliverySettings())
        .isEqualTo(
            new DeliverySettings(
                5,
                Duration.ofSeconds(1),
                2.0,
                0.5,
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                10_000));
    assertThat(config.maxInFlight()).isEqualTo(1_000);
    assertThat(config.deliveryThreads()).isEqualTo(4);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldHandEachKafkaClientOnlyTheSettingsItKnows() {
    NotifierConfig config =
        NotifierConfig.from(
            Map.of(
                "kafka.bootstrap.servers", "broker:9092",
                "kafka.group.id", "notifier-eu",
                "kafka.enable.auto.commit", "true",
                "kafka.linger.ms", "20"));

    assertThat(config.consumerConfig())
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("group.id", "notifier-eu")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("auto.offset.reset", "latest")
        .doesNotContainKey("linger.ms");
    assertThat(config.producerConfig())
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("linger.ms", "20")
        .containsEntry("acks", "all")
        .doesNotContainKey("group.id");
  }

  @Test
  void shouldJoinTheNotifierGroupByDefault() {
    assertThat(NotifierConfig.from(MINIMAL).consumerConfig())
        .containsEntry("group.id", NotifierConfig.DEFAULT_GROUP_ID);
  }
}
