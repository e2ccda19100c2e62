package switchboard.connector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import switchboard.connector.InboundMessage;
import switchboard.records.ChatEvent;
import switchboard.records.DeadLetter;
import switchboard.schemas.DeadLetterSink;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.InMemorySchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;

class InboundPublisherTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC);

  private final Topics topics = Topics.withPrefix("unit.");
  private final RecordSerdes serdes = new RecordSerdes(new InMemorySchemaRegistry());
  private final MockProducer<String, ChatEvent> events =
      new MockProducer<>(
          false, null, RecordSerdes.key().serializer(), serdes.value(topics.events()));
  private final MockProducer<String, DeadLetter> deadLetters =
      new MockProducer<>(
          true, null, RecordSerdes.key().serializer(), serdes.value(topics.deadLetters()));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final InboundPublisher publisher =
      new InboundPublisher(
          "console",
          "local",
          events,
          topics.events().name(),
          new DeadLetterSink(deadLetters, topics, "connector:local", CLOCK),
          meters);

  @Test
  void shouldPublishTheEventKeyedByItsConversation() {
    publisher.accept(message("e-1"));
    events.completeNext();

    ProducerRecord<String, ChatEvent> sent = events.history().get(0);
    assertThat(sent.topic()).isEqualTo("unit.chatops.events");
    assertThat(sent.key()).isEqualTo("local/local/#ops");
    assertThat(sent.value().getEventId()).isEqualTo("e-1");
    assertThat(sent.value().getConversation().getProvider()).isEqualTo("console");
    assertThat(count(ConnectorRuntime.EVENTS_METRIC, "published")).isEqualTo(1);
  }

  @Test
  void shouldCountAFailedSendWithoutThrowingAtTheConnector() {
    publisher.accept(message("e-1"));

    events.errorNext(new TimeoutException("broker unreachable"));

    assertThat(count(ConnectorRuntime.EVENTS_METRIC, "failed")).isEqualTo(1);
    assertThat(count(ConnectorRuntime.EVENTS_METRIC, "published")).isZero();
  }

  @Test
  void shouldCountASendRefusedByAClosedProducer() {
    events.close();

    publisher.accept(message("e-1"));

    assertThat(count(ConnectorRuntime.EVENTS_METRIC, "failed")).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterARejectedPayloadAsUnreadableForTheInstance() {
    byte[] payload = "{\"type\":\"mystery\"}".getBytes(StandardCharsets.UTF_8);

    publisher.reject(payload, "unknown event type mystery");

    DeadLetter letter = deadLetters.history().get(0).value();
    assertThat(deadLetters.history().get(0).topic()).isEqualTo("unit.chatops.deadletter");
    assertThat(letter.getComponent()).isEqualTo("connector:local");
    assertThat(letter.getReasonCode()).isEqualTo("UNREADABLE_PAYLOAD");
    assertThat(letter.getMessage()).isEqualTo("unknown event type mystery");
    assertThat(letter.getSourceTopic()).isEqualTo("provider:console");
    assertThat(letter.getPartition()).isEqualTo(-1);
    assertThat(letter.getOriginalValue().array()).isEqualTo(payload);
    assertThat(letter.getTime()).isEqualTo(CLOCK.instant());
    assertThat(count(ConnectorRuntime.DEAD_LETTERS_METRIC, "published")).isEqualTo(1);
  }

  @Test
  void shouldCountADeadLetterThatCouldNotBeSent() {
    deadLetters.sendException = new TimeoutException("broker unreachable");

    publisher.reject(new byte[] {1, 2, 3}, "garbage");

    assertThat(count(ConnectorRuntime.DEAD_LETTERS_METRIC, "failed")).isEqualTo(1);
  }

  private double count(String metric, String outcome) {
    return meters
        .get(metric)
        .tags("connector", "local", "provider", "console", "outcome", outcome)
        .counter()
        .count();
  }

  private static InboundMessage message(String eventId) {
    return new InboundMessage(
        eventId,
        "local",
        "#ops",
        false,
        null,
        "1",
        "local:alice",
        "alice",
        "help",
        List.of(),
        null,
        Map.of(),
        CLOCK.instant());
  }
}
