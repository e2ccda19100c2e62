package switchboard.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A schema registry kept in a single-partition compacted topic of the same Kafka cluster, for the
 * embedded mode and tests: no extra server to run.
 *
 * <p>Ids come from the broker: a schema's id is the offset (plus one) of the first record that
 * registered it. Two processes racing to register the same schema both append, and every reader
 * takes the lowest offset as the id, so all agree without coordination; the later record still
 * resolves to the same schema. Keys are unique per append, so compaction never removes one.
 */
public final class KafkaTopicSchemaRegistry implements SchemaRegistry {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final TopicPartition partition;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final ObjectMapper json = new ObjectMapper();

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Long, Integer> idByFingerprint = new HashMap<>();
  private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();
  private final Map<String, Integer> registered = new HashMap<>();

  /**
   * @param bootstrapServers the Kafka cluster
   * @param topic the schemas topic (one partition, compacted), which must exist
   */
  public KafkaTopicSchemaRegistry(String bootstrapServers, String topic) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-schema-registry");
    this.producer = new KafkaProducer<>(producerProps);
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-schema-registry");
    this.consumer = new KafkaConsumer<>(consumerProps);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    String key = subject + "\n" + SchemaNormalization.parsingFingerprint64(schema);
    Integer known = registered.get(key);
    if (known != null) {
      return known;
    }
    catchUpTo(endOffset());
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    List<Schema> versions = versionsBySubject.getOrDefault(subject, List.of());
    boolean inSubject =
        versions.stream().anyMatch(v -> SchemaNormalization.parsingFingerprint64(v) == fingerprint);
    if (!inSubject) {
      SchemaCompatibility.requireFullyCompatible(subject, schema, versions);
      append(subject, schema);
    }
    int id = idByFingerprint.get(fingerprint);
    registered.put(key, id);
    return id;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      catchUpTo(endOffset());
      schema = byId.get(id);
    }
    if (schema == null) {
      throw new UnknownSchemaException(id);
    }
    return schema;
  }

  private void append(String subject, Schema schema) {
    String value =
        json.createObjectNode().put("subject", subject).put("schema", schema.toString()).toString();
    String key = subject + "/" + UUID.randomUUID();
    try {
      RecordMetadata written = producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
      catchUpTo(written.offset() + 1);
    } catch (ExecutionException e) {
      throw new SchemaRegistryException(
          "cannot write schema for " + subject + " to " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while registering " + subject, e);
    }
  }

  private long endOffset() {
    return consumer.endOffsets(List.of(partition), CATCH_UP_TIMEOUT).get(partition);
  }

  private void catchUpTo(long offset) {
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    while (consumer.position(partition, CATCH_UP_TIMEOUT) < offset) {
      if (System.nanoTime() > deadline) {
        throw new SchemaRegistryException(
            "could not read " + topic + " up to offset " + offset + " within " + CATCH_UP_TIMEOUT);
      }
      for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
        apply(record);
      }
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return;
    }
    JsonNode entry;
    try {
      entry = json.readTree(record.value());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "corrupt entry at offset " + record.offset() + " of " + topic, e);
    }
    Schema schema = new Schema.Parser().parse(entry.path("schema").asText());
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    int id = Math.toIntExact(record.offset() + 1);
    byId.put(id, schema);
    idByFingerprint.putIfAbsent(fingerprint, id);
    List<Schema> versions =
        versionsBySubject.computeIfAbsent(entry.path("subject").asText(), s -> new ArrayList<>());
    if (versions.stream()
        .noneMatch(v -> SchemaNormalization.parsingFingerprint64(v) == fingerprint)) {
      versions.add(schema);
    }
  }

  @Override
  public synchronized void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
