package switchboard.dispatcher.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import switchboard.records.IdentityLink;
import switchboard.schemas.IdentityKeys;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Writes links to the compacted {@code chatops.identities} topic under {@code
 * provider/workspace/chatUserId}, the key the matcher looks them up by, and waits for every in-sync
 * replica.
 */
public final class KafkaIdentityLinkSink implements IdentityLinkSink, AutoCloseable {

  private final TopicSpec<IdentityLink> topic;
  private final KafkaProducer<String, IdentityLink> producer;

  /**
   * @param kafka producer settings (bootstrap servers, security); acks and idempotence are set
   */
  public KafkaIdentityLinkSink(
      Map<String, Object> kafka, TopicSpec<IdentityLink> topic, RecordSerdes serdes) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            config, RecordSerdes.key().serializer(), serdes.value(topic).serializer());
  }

  @Override
  public void record(IdentityLink link) {
    try {
      producer.send(new ProducerRecord<>(topic.name(), IdentityKeys.of(link), link)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the link could not be written: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the link", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
