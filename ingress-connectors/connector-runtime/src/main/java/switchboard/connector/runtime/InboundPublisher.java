package switchboard.connector.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutionException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.InboundMessage;
import switchboard.connector.InboundSink;
import switchboard.records.ChatEvent;
import switchboard.schemas.ConversationKeys;
import switchboard.schemas.DeadLetterSink;
import switchboard.schemas.ReasonCode;

/**
 * The sink of one connector instance: events go to {@code chatops.events} keyed by conversation,
 * unreadable payloads to {@code chatops.deadletter}. A send that fails is logged with the event id
 * and conversation and counted; it is never dropped silently.
 */
final class InboundPublisher implements InboundSink {

  private static final Logger LOG = LoggerFactory.getLogger(InboundPublisher.class);

  private final String provider;
  private final String instance;
  private final Producer<String, ChatEvent> events;
  private final String eventsTopic;
  private final DeadLetterSink deadLetters;
  private final Counter published;
  private final Counter failed;
  private final Counter deadLettered;
  private final Counter deadLetterFailed;

  InboundPublisher(
      String provider,
      String instance,
      Producer<String, ChatEvent> events,
      String eventsTopic,
      DeadLetterSink deadLetters,
      MeterRegistry meters) {
    this.provider = provider;
    this.instance = instance;
    this.events = events;
    this.eventsTopic = eventsTopic;
    this.deadLetters = deadLetters;
    this.published = counter(meters, ConnectorRuntime.EVENTS_METRIC, "published");
    this.failed = counter(meters, ConnectorRuntime.EVENTS_METRIC, "failed");
    this.deadLettered = counter(meters, ConnectorRuntime.DEAD_LETTERS_METRIC, "published");
    this.deadLetterFailed = counter(meters, ConnectorRuntime.DEAD_LETTERS_METRIC, "failed");
  }

  private Counter counter(MeterRegistry meters, String name, String outcome) {
    return Counter.builder(name)
        .tag("connector", instance)
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(meters);
  }

  /**
   * Hands the event to the producer and returns; the outcome is counted when the broker answers.
   */
  @Override
  public void accept(InboundMessage message) {
    try {
      ChatEvent event = ChatEventMapper.toChatEvent(provider, instance, message);
      String key = ConversationKeys.of(event.getConversation());
      events.send(
          new ProducerRecord<>(eventsTopic, key, event),
          (metadata, error) -> {
            if (error == null) {
              published.increment();
            } else {
              failed(message, error);
            }
          });
    } catch (KafkaException | AvroRuntimeException | IllegalStateException e) {
      // Serialisation and a closed or fenced producer fail inside send(), before any callback.
      failed(message, e);
    }
  }

  private void failed(InboundMessage message, Exception error) {
    failed.increment();
    LOG.error(
        "connector {}: event {} from {}/{} (sender {}) was not published to {}: {}",
        instance,
        message.eventId(),
        message.workspace(),
        message.channel(),
        message.senderId(),
        eventsTopic,
        error.toString(),
        error);
  }

  /**
   * Dead-letters the payload and waits for the broker, so a caller knows it is kept; rejections are
   * rare and the wait is bounded by the producer's {@code delivery.timeout.ms}.
   */
  @Override
  public void reject(byte[] payload, String reason) {
    try {
      deadLetters
          .send("provider:" + provider, payload, ReasonCode.UNREADABLE_PAYLOAD, reason)
          .get();
      deadLettered.increment();
    } catch (ExecutionException e) {
      deadLetterFailed(reason, payload, e.getCause());
    } catch (KafkaException | IllegalStateException e) {
      deadLetterFailed(reason, payload, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deadLetterFailed(reason, payload, e);
    }
  }

  private void deadLetterFailed(String reason, byte[] payload, Throwable error) {
    deadLetterFailed.increment();
    LOG.error(
        "connector {}: unreadable {} payload ({} bytes, reason: {}) was not dead-lettered: {}",
        instance,
        provider,
        payload == null ? 0 : payload.length,
        reason,
        error.toString(),
        error);
  }
}
