package switchboard.schemas;

import java.time.Clock;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import switchboard.records.DeadLetter;

/**
 * Sends what a plain consumer could not read or deliver to the dead-letter topic, keyed by the
 * source topic, so nothing is lost and the consumer goes on. Streams applications split undecodable
 * records into the same shape themselves.
 */
public final class DeadLetterSink {

  private final Producer<String, DeadLetter> producer;
  private final String topic;
  private final String component;
  private final Clock clock;

  public DeadLetterSink(
      Producer<String, DeadLetter> producer, Topics topics, String component, Clock clock) {
    this.producer = producer;
    this.topic = topics.deadLetters().name();
    this.component = component;
    this.clock = clock;
  }

  /** Dead-letters a record read from Kafka. */
  public Future<RecordMetadata> send(
      ConsumerRecord<byte[], byte[]> source, ReasonCode reason, String message) {
    DeadLetter letter =
        DeadLetters.of(
            component,
            source.topic(),
            source.partition(),
            source.offset(),
            source.key(),
            source.value(),
            reason,
            message,
            clock.instant());
    return producer.send(new ProducerRecord<>(topic, source.topic(), letter));
  }

  /** Dead-letters something that never reached Kafka, such as an unreadable provider payload. */
  public Future<RecordMetadata> send(
      String origin, byte[] payload, ReasonCode reason, String message) {
    DeadLetter letter =
        DeadLetters.of(component, origin, -1, -1L, null, payload, reason, message, clock.instant());
    return producer.send(new ProducerRecord<>(topic, origin, letter));
  }
}
