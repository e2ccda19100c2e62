package switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.records.DeadLetter;
import switchboard.records.Reply;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;

@Tag("integration")
@Timeout(120)
class RecordContractIT {

  @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleNode();

  private Topics topics;
  private KafkaTopicSchemaRegistry registry;
  private RecordSerdes serdes;

  @BeforeEach
  void provision() {
    topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    registry = new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
    serdes = new RecordSerdes(registry);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void shouldCarryEveryRecordTypeThroughTheBrokerWithRegistrySerdes() {
    // Given one record of each type
    Map<TopicSpec<?>, SpecificRecord> samples = SampleRecords.oneOfEach(topics);

    // When each is produced to its topic and read back by a fresh registry client
    samples.forEach(this::produce);
    try (KafkaTopicSchemaRegistry reader =
        new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas())) {
      RecordSerdes readerSerdes = new RecordSerdes(reader);
      for (Map.Entry<TopicSpec<?>, SpecificRecord> sample : samples.entrySet()) {
        List<ConsumerRecord<byte[], byte[]>> read = readAll(sample.getKey().name(), 1);

        // Then it decodes to an equal record
        DecodeResult<?> decoded = readerSerdes.decode(sample.getKey(), read.get(0).value());
        assertThat(decoded).isEqualTo(new DecodeResult.Decoded<>(sample.getValue()));
      }
    }
  }

  @Test
  void shouldSendAPoisonRecordToTheDeadLetterTopicAndGoOn() throws Exception {
    // Given a poison record between two good replies
    Reply good = SampleRecords.reply();
    produce(topics.replies(), good);
    byte[] poison = "{\"text\":\"not avro\"}".getBytes();
    try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
      raw.send(new ProducerRecord<>(topics.replies().name(), "key".getBytes(), poison)).get();
    }
    produce(topics.replies(), good);

    // When a consumer decodes them and dead-letters what it cannot read
    List<Reply> delivered = new ArrayList<>();
    try (KafkaProducer<String, DeadLetter> dlq = producer(serdes.value(topics.deadLetters()))) {
      DeadLetterSink sink = new DeadLetterSink(dlq, topics, "notifier", Clock.systemUTC());
      for (ConsumerRecord<byte[], byte[]> record : readAll(topics.replies().name(), 3)) {
        DecodeResult<Reply> result = serdes.decode(topics.replies(), record.value());
        if (result instanceof DecodeResult.Decoded<Reply> decoded) {
          delivered.add(decoded.value());
        } else if (result instanceof DecodeResult.Undecodable<Reply> undecodable) {
          sink.send(record, undecodable.reason(), undecodable.message()).get();
        }
      }
    }

    // Then both good replies went on and the poison one is on the dead-letter topic with its reason
    assertThat(delivered).containsExactly(good, good);
    ConsumerRecord<byte[], byte[]> letterRecord = readAll(topics.deadLetters().name(), 1).get(0);
    DeadLetter letter =
        serdes
            .value(topics.deadLetters())
            .deserialize(topics.deadLetters().name(), letterRecord.value());
    assertThat(letter.getSourceTopic()).isEqualTo(topics.replies().name());
    assertThat(letter.getOffset()).isEqualTo(1L);
    assertThat(letter.getReasonCode()).isEqualTo("UNDECODABLE");
    assertThat(letter.getMessage()).contains("magic byte 123");
    assertThat(letter.getComponent()).isEqualTo("notifier");
    assertThat(letter.getOriginalValue().array()).isEqualTo(poison);
  }

  @Test
  void shouldRefuseToStartOnANonCompactedAliasTopic() throws Exception {
    Topics fresh = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(fresh.aliases().name(), 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "delete"))))
          .all()
          .get();

      assertThatThrownBy(
              () ->
                  new TopicProvisioner(admin, (short) 1)
                      .ensure(TopicProvisioner.requirements(fresh)))
          .isInstanceOf(TopicSettingsException.class)
          .hasMessageContaining("topic " + fresh.aliases().name() + " has cleanup.policy=delete")
          .hasMessageContaining("--add-config cleanup.policy=compact");
    }
  }

  @Test
  void shouldGiveOneIdWhenTwoRegistriesRaceForTheSameSchema() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (KafkaTopicSchemaRegistry a =
            new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
        KafkaTopicSchemaRegistry b =
            new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas())) {
      Callable<Integer> registerA = () -> a.register("race-value", Reply.getClassSchema());
      Callable<Integer> registerB = () -> b.register("race-value", Reply.getClassSchema());
      Future<Integer> idA = pool.submit(registerA);
      Future<Integer> idB = pool.submit(registerB);

      assertThat(idA.get()).isEqualTo(idB.get());
      try (KafkaTopicSchemaRegistry late =
          new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas())) {
        assertThat(late.register("race-value", Reply.getClassSchema())).isEqualTo(idA.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @SuppressWarnings("unchecked")
  private <V extends SpecificRecord> void produce(TopicSpec<V> topic, SpecificRecord value) {
    try (KafkaProducer<String, V> producer = producer(serdes.value(topic))) {
      producer.send(new ProducerRecord<>(topic.name(), "key", (V) value)).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private <V> KafkaProducer<String, V> producer(Serializer<V> valueSerializer) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    return new KafkaProducer<>(props, RecordSerdes.key().serializer(), valueSerializer);
  }

  private KafkaProducer<byte[], byte[]> rawProducer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + System.nanoTime());
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).as("records on %s", topic).hasSize(expected);
    return records;
  }
}
