package switchboard.connector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import switchboard.connector.InboundMessage;
import switchboard.records.ChatEvent;
import switchboard.records.DeadLetter;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.InMemorySchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;

class ConnectorRuntimeTest {

  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final RecordingProvider chat = new RecordingProvider("chat", journal);
  private final Topics topics = Topics.withPrefix("unit.");
  private final RecordSerdes serdes = new RecordSerdes(new InMemorySchemaRegistry());
  private final MockProducer<String, ChatEvent> events =
      new MockProducer<>(
          true, null, RecordSerdes.key().serializer(), serdes.value(topics.events()));
  private final MockProducer<String, DeadLetter> deadLetters =
      new MockProducer<>(
          true, null, RecordSerdes.key().serializer(), serdes.value(topics.deadLetters()));

  @Test
  void shouldStartTheInstancesInOrderAndCloseThemInReverse() {
    ConnectorRuntime runtime =
        runtime(
            Map.of(
                "connectors.first.provider",
                "chat",
                "connectors.first.token",
                "a",
                "connectors.second.provider",
                "chat",
                "connectors.second.token",
                "b"),
            List.of(
                "connectors.first.provider",
                "connectors.first.token",
                "connectors.second.provider",
                "connectors.second.token"));

    runtime.start();

    assertThat(runtime.connectors()).containsOnlyKeys("first", "second");
    assertThat(List.copyOf(runtime.connectors().keySet())).containsExactly("first", "second");
    assertThat(chat.contexts().get(0).config()).isEqualTo(Map.of("token", "a"));

    runtime.close();

    assertThat(journal)
        .containsExactly(
            "create first",
            "start first",
            "create second",
            "start second",
            "close second",
            "close first");
    assertThat(runtime.connectors()).isEmpty();
    assertThat(events.closed()).isTrue();
    assertThat(deadLetters.closed()).isTrue();
  }

  @Test
  void shouldPublishWhatAConnectorAcceptsUnderItsInstanceName() {
    ConnectorRuntime runtime =
        runtime(Map.of("connectors.ops.provider", "chat", "connectors.ops.token", "a"), null);
    runtime.start();

    chat.contexts()
        .get(0)
        .sink()
        .accept(
            new InboundMessage(
                "e-1",
                "w",
                "c",
                false,
                null,
                null,
                "u",
                null,
                "hi",
                List.of(),
                null,
                Map.of(),
                Instant.EPOCH));
    chat.contexts().get(0).sink().reject(new byte[] {42}, "not a message");

    assertThat(events.history())
        .singleElement()
        .satisfies(r -> assertThat(r.key()).isEqualTo("ops/w/c"));
    assertThat(deadLetters.history())
        .singleElement()
        .satisfies(r -> assertThat(r.value().getComponent()).isEqualTo("connector:ops"));
    runtime.close();
  }

  @Test
  void shouldCloseWhatStartedWhenAnInstanceFailsToStart() {
    ConnectorRuntime runtime =
        runtime(
            Map.of(
                "connectors.good.provider",
                "chat",
                "connectors.good.token",
                "a",
                "connectors.broken.provider",
                "chat",
                "connectors.broken.token",
                "b",
                "connectors.broken.fail.on.start",
                "true"),
            List.of(
                "connectors.good.provider",
                "connectors.good.token",
                "connectors.broken.provider",
                "connectors.broken.token",
                "connectors.broken.fail.on.start"));

    assertThatThrownBy(runtime::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connector broken (provider chat) failed to start")
        .hasMessageContaining("cannot reach the provider");
    assertThat(journal)
        .containsExactly(
            "create good", "start good", "create broken", "close broken", "close good");
    assertThat(runtime.connectors()).isEmpty();
    assertThat(events.closed()).isTrue();
  }

  @Test
  void shouldRefuseProducerSettingsThatBreakIdempotence() {
    assertThatThrownBy(
            () ->
                ConnectorRuntime.Builder.idempotentSettings(
                    Map.of("bootstrap.servers", "k:9092", "acks", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("acks")
        .hasMessageContaining("acks=all");
    assertThatThrownBy(() -> ConnectorRuntime.Builder.idempotentSettings(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bootstrap.servers is required");
    assertThat(ConnectorRuntime.Builder.idempotentSettings(Map.of("bootstrap.servers", "k:9092")))
        .containsEntry("enable.idempotence", "true")
        .containsEntry("acks", "all")
        .containsEntry("client.id", "switchboard-connectors");
  }

  /** A runtime over MockProducers; {@code order} lists the keys in config order when it matters. */
  private ConnectorRuntime runtime(Map<String, String> config, List<String> order) {
    Map<String, String> ordered = new LinkedHashMap<>();
    (order == null ? List.copyOf(config.keySet()) : order)
        .forEach(k -> ordered.put(k, config.get(k)));
    return ConnectorRuntime.builder()
        .config(ordered)
        .topics(topics)
        .providers(ProviderCatalog.of(chat))
        .producers(() -> new ConnectorRuntime.Producers(events, deadLetters))
        .build();
  }
}
