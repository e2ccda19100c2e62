package switchboard.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static switchboard.matcher.MatcherFixtures.OPS;
import static switchboard.matcher.MatcherFixtures.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.CommandRequest;
import switchboard.records.DeadLetter;
import switchboard.records.IdentityLink;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.schemas.ConversationKeys;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;

@Tag("integration")
@Timeout(180)
class AliasMatcherIT {

  @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleNode();

  @TempDir Path stateDir;

  @Test
  void shouldMatchExactlyOnceOnTheBrokerAndDeadLetterPoison() throws Exception {
    // Given provisioned topics, the alias catalogue and a running matcher
    Topics topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    try (KafkaTopicSchemaRegistry registry =
        new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas())) {
      RecordSerdes serdes = new RecordSerdes(registry);
      MatcherFixtures.catalogue().forEach(a -> produce(serdes, topics.aliases(), a.getRef(), a));
      Map<String, Object> config = matcherConfig(topics);
      // The sandbox's mode, chosen explicitly: enforcement is the default.
      config.put(AliasMatcherConfig.PERMISSIONS_MODE_CONFIG, "open");
      try (AliasMatcherApp app =
          new AliasMatcherApp(new AliasMatcherConfig(config), topics, serdes)) {
        app.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> app.state() == KafkaStreams.State.RUNNING);

        // When a command, its duplicate, a poison record and an unknown command arrive
        produce(
            serdes,
            topics.events(),
            ConversationKeys.of(OPS),
            message("Ev1", OPS, "!run uptime on web1"));
        produce(
            serdes,
            topics.events(),
            ConversationKeys.of(OPS),
            message("Ev1", OPS, "!run uptime on web1"));
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
          raw.send(
                  new ProducerRecord<>(
                      topics.events().name(), ConversationKeys.of(OPS), new byte[] {9, 9}))
              .get();
        }
        produce(
            serdes,
            topics.events(),
            ConversationKeys.of(OPS),
            message("Ev2", OPS, "!reboot everything"));

        // Then exactly one command, one no-match reply and one dead letter come out
        List<CommandRequest> commands = new ArrayList<>();
        List<Reply> replies = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  commands.addAll(read(serdes, topics.commands()));
                  replies.addAll(read(serdes, topics.replies()));
                  letters.addAll(read(serdes, topics.deadLetters()));
                  assertThat(commands).hasSize(1);
                  assertThat(replies).hasSize(1);
                  assertThat(letters).hasSize(1);
                });
        assertThat(commands.get(0).getParameters())
            .containsEntry("cmd", "uptime")
            .containsEntry("hosts", "web1");
        assertThat(replies.get(0).getKind()).isEqualTo(ReplyKind.NO_MATCH);
        assertThat(letters.get(0).getReasonCode()).isEqualTo("UNDECODABLE");
        assertThat(letters.get(0).getSourceTopic()).isEqualTo(topics.events().name());
      }
    }
  }

  @Test
  void shouldEnforceIdentitiesPoliciesAndRateLimitsOnTheBroker() throws Exception {
    // Given alice linked, a policy allowing her group one command an hour, and an enforcing matcher
    Topics topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    try (KafkaTopicSchemaRegistry registry =
        new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas())) {
      RecordSerdes serdes = new RecordSerdes(registry);
      MatcherFixtures.catalogue().forEach(a -> produce(serdes, topics.aliases(), a.getRef(), a));
      IdentityLink alice = MatcherFixtures.link("U1", "alice", "ops");
      produce(serdes, topics.identities(), "slack/T1/U1", alice);
      produce(
          serdes,
          topics.policies(),
          "ops",
          MatcherFixtures.policy(
              "name: ops\nrules:\n  - id: hourly\n    effect: allow\n"
                  + "    subjects: ['group:ops']\n    rateLimit: {count: 1, per: 1h}\n"));
      Map<String, Object> config = matcherConfig(topics);
      try (AliasMatcherApp app =
          new AliasMatcherApp(new AliasMatcherConfig(config), topics, serdes)) {
        app.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> app.state() == KafkaStreams.State.RUNNING);

        // When she runs two commands, and then unlinks herself
        String key = ConversationKeys.of(OPS);
        produce(serdes, topics.events(), key, message("Ev1", OPS, "!date"));
        produce(serdes, topics.events(), key, message("Ev2", OPS, "!date"));
        produce(serdes, topics.events(), key, message("Ev3", OPS, "!unlink"));

        // Then the first runs as alice, the second is rate-limited, and her link is gone
        List<CommandRequest> commands = new ArrayList<>();
        List<AuditRecord> audit = new ArrayList<>();
        List<String> tombstones = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  commands.addAll(read(serdes, topics.commands()));
                  audit.addAll(read(serdes, topics.audit()));
                  readRaw(topics.identities().name()).stream()
                      .filter(r -> r.value() == null)
                      .forEach(r -> tombstones.add(r.key()));
                  assertThat(audit).hasSize(3);
                  assertThat(tombstones).containsExactly("slack/T1/U1");
                });
        assertThat(commands)
            .extracting(CommandRequest::getEventId, CommandRequest::getStackstormUser)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("Ev1", "alice"));
        assertThat(audit)
            .extracting(AuditRecord::getDecision)
            .containsExactlyInAnyOrder(
                AuditDecision.ALLOWED, AuditDecision.RATE_LIMITED, AuditDecision.ALLOWED);
      }
    }
  }

  private Map<String, Object> matcherConfig(Topics topics) {
    Map<String, Object> config = new HashMap<>();
    config.put(
        AliasMatcherConfig.APPLICATION_ID_CONFIG, "matcher-" + topics.prefix().replace(".", ""));
    config.put(AliasMatcherConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
    config.put("kafka.replication.factor", "1");
    return config;
  }

  private List<ConsumerRecord<String, byte[]>> readRaw(String topic) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    consumer(topic).poll(Duration.ofMillis(500)).forEach(records::add);
    return records;
  }

  private final Map<String, KafkaConsumer<String, byte[]>> consumers = new HashMap<>();

  @org.junit.jupiter.api.AfterEach
  void closeConsumers() {
    consumers.values().forEach(KafkaConsumer::close);
  }

  private <V extends SpecificRecord> List<V> read(RecordSerdes serdes, TopicSpec<V> topic) {
    List<V> values = new ArrayList<>();
    consumer(topic.name())
        .poll(Duration.ofMillis(500))
        .forEach(r -> values.add(serdes.value(topic).deserialize(topic.name(), r.value())));
    return values;
  }

  private KafkaConsumer<String, byte[]> consumer(String topic) {
    return consumers.computeIfAbsent(
        topic,
        name -> {
          Properties props = new Properties();
          props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
          props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + name);
          props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
          props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
          KafkaConsumer<String, byte[]> c =
              new KafkaConsumer<>(
                  props,
                  new StringDeserializer(),
                  new org.apache.kafka.common.serialization.ByteArrayDeserializer());
          c.subscribe(List.of(name));
          return c;
        });
  }

  private <V extends SpecificRecord> void produce(
      RecordSerdes serdes, TopicSpec<V> topic, String key, V value) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(props, RecordSerdes.key().serializer(), serdes.value(topic))) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private KafkaProducer<String, byte[]> rawProducer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    return new KafkaProducer<>(props, RecordSerdes.key().serializer(), new ByteArraySerializer());
  }
}
