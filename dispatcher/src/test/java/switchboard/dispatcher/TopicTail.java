package switchboard.dispatcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Everything committed to one topic so far, read from the start as the notifier would read it
 * ({@code read_committed}), so a record of an aborted transaction never counts. Each call polls
 * once more; use it inside Awaitility. One thread only.
 */
final class TopicTail<V extends SpecificRecord> implements AutoCloseable {

  /** A record as read: its key and value, null for a tombstone. */
  record Entry<V>(String key, V value) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicSpec<V> topic;
  private final RecordSerdes serdes;
  private final List<Entry<V>> entries = new ArrayList<>();

  TopicTail(String bootstrapServers, TopicSpec<V> topic, RecordSerdes serdes) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.serdes = serdes;
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < topic.partitions(); p++) {
      partitions.add(new TopicPartition(topic.name(), p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Every record read so far, after one more poll. */
  synchronized List<Entry<V>> entries() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
      V value =
          record.value() == null
              ? null
              : serdes.value(topic).deserialize(topic.name(), record.value());
      entries.add(new Entry<>(record.key(), value));
    }
    return List.copyOf(entries);
  }

  /** Every value read so far (tombstones left out). */
  List<V> values() {
    return entries().stream().map(Entry::value).filter(v -> v != null).toList();
  }

  List<V> values(Predicate<V> filter) {
    return values().stream().filter(filter).toList();
  }

  /** The latest value per key, as a compacted topic ends up; a tombstone removes the key. */
  Map<String, V> table() {
    Map<String, V> table = new java.util.LinkedHashMap<>();
    for (Entry<V> entry : entries()) {
      if (entry.value() == null) {
        table.remove(entry.key());
      } else {
        table.put(entry.key(), entry.value());
      }
    }
    return table;
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
