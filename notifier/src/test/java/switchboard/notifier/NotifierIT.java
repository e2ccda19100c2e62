package switchboard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.connector.DeliveryResult;
import switchboard.records.DeadLetter;
import switchboard.records.Reply;
import switchboard.schemas.ConversationKeys;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;

@Tag("integration")
@Timeout(120)
class NotifierIT {

  @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleNode();

  private static final String CONNECTOR = "ops-console";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final RecordingConnector console = new RecordingConnector(Duration.ZERO, Instant::now);
  private Topics topics;
  private KafkaTopicSchemaRegistry registry;
  private RecordSerdes serdes;
  private Notifier notifier;

  @BeforeEach
  void provision() {
    topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    registry = new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
    serdes = new RecordSerdes(registry);
    NotifierConfig config =
        NotifierConfig.from(
            Map.of(
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "kafka.group.id", topics.prefix() + "notifier",
                "kafka.auto.offset.reset", "earliest",
                "notifier.retry.initial.backoff.ms", "10",
                // Low, so reading pauses and resumes while the replies are delivered.
                "notifier.max.in.flight", "2",
                "notifier.delivery.threads", "2"));
    ConnectorLookup lookup =
        instance -> CONNECTOR.equals(instance) ? Optional.of(console) : Optional.empty();
    notifier = new Notifier(config, topics, serdes, lookup, meters, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    notifier.close();
    registry.close();
  }

  @Test
  void shouldPostTheRepliesOfEachConversationInOrderAndCommitThem() throws Exception {
    // Given replies for two conversations, interleaved on the replies topic
    List<Reply> replies = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      replies.add(Replies.text(CONNECTOR, "alpha", "alpha-" + i));
      replies.add(Replies.text(CONNECTOR, "beta", "beta-" + i));
    }
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (Reply reply : replies) {
        send(producer, reply);
      }
    }

    // When the notifier runs
    notifier.start();

    // Then each conversation receives its replies in order, and every offset is committed
    await().atMost(WAIT).until(() -> console.delivered().size() == 6);
    assertThat(console.deliveredIds("alpha")).containsExactly("alpha-1", "alpha-2", "alpha-3");
    assertThat(console.deliveredIds("beta")).containsExactly("beta-1", "beta-2", "beta-3");
    await().atMost(WAIT).until(() -> committedOffsets() == 6);
    assertThat(notifier.failure()).isEmpty();
  }

  @Test
  void shouldDeadLetterWhatCannotBeDeliveredAndGoOn() throws Exception {
    // Given, in one conversation: a good reply, a poison record, a reply for a connector that
    // does not run here, a reply the provider refuses, and another good reply
    Reply first = Replies.text(CONNECTOR, "alpha", "good-1");
    Reply refused = Replies.text(CONNECTOR, "alpha", "refused");
    Reply last = Replies.text(CONNECTOR, "alpha", "good-2");
    String key = ConversationKeys.of(first.getConversation());
    console.answer("refused", new DeliveryResult.PermanentFailure("channel_not_found"));
    try (KafkaProducer<String, byte[]> producer = producer()) {
      send(producer, first);
      producer.send(new ProducerRecord<>(topics.replies().name(), key, "not avro".getBytes()));
      // Same key as the others, so all five share one partition and their offsets are known.
      send(producer, key, Replies.text("ghost", "alpha", "lost"));
      send(producer, refused);
      send(producer, last);
    }

    // When the notifier runs
    notifier.start();

    // Then both good replies arrive, in order
    await().atMost(WAIT).until(() -> console.deliveredIds("alpha").size() == 2);
    assertThat(console.deliveredIds("alpha")).containsExactly("good-1", "good-2");

    // And the three others are on the dead-letter topic with their reasons
    List<DeadLetter> letters = readDeadLetters(3);
    assertThat(letters)
        .extracting(DeadLetter::getOffset, DeadLetter::getReasonCode, DeadLetter::getComponent)
        .containsExactlyInAnyOrder(
            Tuple.tuple(1L, "UNDECODABLE", "notifier"),
            Tuple.tuple(2L, "UNKNOWN_CONNECTOR", "notifier"),
            Tuple.tuple(3L, "DELIVERY_FAILED", "notifier"));
    assertThat(letters)
        .filteredOn(l -> l.getOffset() == 3L)
        .singleElement()
        .satisfies(l -> assertThat(l.getMessage()).contains("channel_not_found"));
    assertThat(letters)
        .filteredOn(l -> l.getOffset() == 1L)
        .singleElement()
        .satisfies(l -> assertThat(l.getOriginalValue().array()).isEqualTo("not avro".getBytes()));

    // And each is counted by reason, and every offset is committed
    await().atMost(WAIT).until(() -> committedOffsets() == 5);
    assertThat(deadLettered("UNDECODABLE")).isEqualTo(1.0);
    assertThat(deadLettered("UNKNOWN_CONNECTOR")).isEqualTo(1.0);
    assertThat(deadLettered("DELIVERY_FAILED")).isEqualTo(1.0);
  }

  private void send(KafkaProducer<String, byte[]> producer, Reply reply) throws Exception {
    send(producer, ConversationKeys.of(reply.getConversation()), reply);
  }

  private void send(KafkaProducer<String, byte[]> producer, String key, Reply reply)
      throws Exception {
    byte[] value = serdes.value(topics.replies()).serializer().serialize(topicName(), reply);
    producer.send(new ProducerRecord<>(topicName(), key, value)).get();
  }

  private String topicName() {
    return topics.replies().name();
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Records of chatops.replies below the group's committed offsets, over all partitions. */
  private long committedOffsets() throws Exception {
    try (Admin admin = KAFKA.admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(topics.prefix() + "notifier")
              .partitionsToOffsetAndMetadata()
              .get();
      // The topics are new, so every partition starts at offset 0.
      return committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
  }

  private List<DeadLetter> readDeadLetters(int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "dead-letter-reader");
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.deadLetters().name()));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r ->
                            letters.add(
                                serdes
                                    .value(topics.deadLetters())
                                    .deserialize(topics.deadLetters().name(), r.value())));
                return letters.size() >= expected;
              });
    }
    assertThat(letters).hasSize(expected);
    return letters;
  }

  private double deadLettered(String reason) {
    return meters.get(NotifierMetrics.DEAD_LETTERED).tag("reason", reason).counter().count();
  }
}
