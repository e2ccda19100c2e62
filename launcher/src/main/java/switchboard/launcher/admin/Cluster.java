package switchboard.launcher.admin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.ConfluentRegistryClient;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.registry.SchemaRegistry;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Switchboard's topics as an administration command sees them: read a compacted topic to its end,
 * read a time range, write records and wait for them. One short-lived client each time, so a
 * command never joins a consumer group or leaves offsets behind.
 */
public final class Cluster implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final Topics topics;
  private final SchemaRegistry registry;
  private final RecordSerdes serdes;

  private Cluster(String bootstrapServers, Topics topics, SchemaRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.registry = registry;
    this.serdes = new RecordSerdes(registry);
  }

  /**
   * Connects to the cluster the options name, after checking that {@code needed} topics exist.
   *
   * @throws ClusterException when the cluster cannot be reached or a topic is missing
   */
  public static Cluster connect(ClusterOptions options, List<String> needed) {
    Topics topics = Topics.withPrefix(options.topicsPrefix());
    requireTopics(options.bootstrapServers(), needed);
    SchemaRegistry registry =
        options.schemaRegistryUrl() == null
            ? new KafkaTopicSchemaRegistry(options.bootstrapServers(), topics.schemas())
            : new ConfluentRegistryClient(URI.create(options.schemaRegistryUrl()), null);
    return new Cluster(options.bootstrapServers(), topics, registry);
  }

  private static void requireTopics(String bootstrapServers, List<String> needed) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      java.util.Set<String> existing = admin.listTopics().names().get();
      List<String> missing = needed.stream().filter(t -> !existing.contains(t)).toList();
      if (!missing.isEmpty()) {
        throw new ClusterException(
            "missing topics "
                + missing
                + " on "
                + bootstrapServers
                + ": start Switchboard first (switchboard up, or switchboard run), or check"
                + " --topics-prefix");
      }
    } catch (ExecutionException e) {
      throw new ClusterException(
          "cannot reach Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted", e);
    }
  }

  public Topics topics() {
    return topics;
  }

  /** The latest record of every key of a compacted topic, as of now; tombstoned keys are absent. */
  public <V extends SpecificRecord> Map<String, V> latest(TopicSpec<V> topic) {
    Map<String, V> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : readFrom(topic.name(), null)) {
      if (record.value() == null) {
        latest.remove(record.key());
      } else {
        latest.put(record.key(), decode(topic, record));
      }
    }
    return latest;
  }

  /** Every record written at or after {@code since}, up to now, in timestamp order. */
  public <V extends SpecificRecord> List<V> since(TopicSpec<V> topic, Instant since) {
    return readFrom(topic.name(), since).stream()
        .filter(r -> r.value() != null)
        .sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
        .map(r -> decode(topic, r))
        .toList();
  }

  private <V extends SpecificRecord> V decode(
      TopicSpec<V> topic, ConsumerRecord<String, byte[]> r) {
    DecodeResult<V> decoded = serdes.decode(topic, r.value());
    if (decoded instanceof DecodeResult.Decoded<V> d) {
      return d.value();
    }
    throw new ClusterException(
        "record "
            + r.key()
            + " at "
            + r.topic()
            + "-"
            + r.partition()
            + "@"
            + r.offset()
            + " cannot be read: "
            + ((DecodeResult.Undecodable<V>) decoded).message());
  }

  /**
   * Writes {@code records} in order (a null value is a tombstone) and waits until every one is
   * acknowledged by all in-sync replicas.
   */
  public <V extends SpecificRecord> void write(
      TopicSpec<V> topic, List<Map.Entry<String, V>> records) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(props, RecordSerdes.key().serializer(), serdes.value(topic))) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Map.Entry<String, V> record : records) {
        sent.add(
            producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())));
      }
      producer.flush();
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    } catch (ExecutionException e) {
      throw new ClusterException(
          "writing to " + topic.name() + " failed: " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted", e);
    }
  }

  /** Every record of every partition from {@code since} (or the beginning) to the end now. */
  private List<ConsumerRecord<String, byte[]>> readFrom(String topic, Instant since) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      if (since == null) {
        consumer.seekToBeginning(partitions);
      } else {
        Map<TopicPartition, OffsetAndTimestamp> start =
            consumer.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> since.toEpochMilli())),
                TIMEOUT);
        partitions.forEach(
            p -> consumer.seek(p, start.get(p) == null ? end.get(p) : start.get(p).offset()));
      }
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new ClusterException("reading " + topic + " did not reach its end in " + TIMEOUT);
        }
        consumer.poll(POLL).forEach(records::add);
      }
      return records;
    }
  }

  @Override
  public void close() {
    registry.close();
  }
}
