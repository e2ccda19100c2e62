package switchboard.matcher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.records.AliasDefinition;
import switchboard.records.AuditRecord;
import switchboard.records.ChatEvent;
import switchboard.records.CommandRequest;
import switchboard.records.DeadLetter;
import switchboard.records.IdentityLink;
import switchboard.records.Policy;
import switchboard.records.Reply;
import switchboard.schemas.ConversationKeys;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.InMemorySchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The matcher's topology on a TopologyTestDriver, with every topic it reads and writes, and a clock
 * the test moves. Seeds the alias catalogue of {@link MatcherFixtures}.
 */
final class MatcherDriver implements AutoCloseable {

  /** A clock the test advances; the driver's wall clock moves with it. */
  static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final Topics topics = Topics.defaults();
  final RecordSerdes serdes = new RecordSerdes(new InMemorySchemaRegistry());
  final TestClock clock = new TestClock(MatcherFixtures.T);
  final TopologyTestDriver driver;
  final TestInputTopic<String, AliasDefinition> aliases;
  final TestInputTopic<String, IdentityLink> identities;
  final TestInputTopic<String, Policy> policies;
  final TestInputTopic<String, ChatEvent> events;
  final TestInputTopic<String, byte[]> rawEvents;
  final TestOutputTopic<String, CommandRequest> commands;
  final TestOutputTopic<String, Reply> replies;
  final TestOutputTopic<String, AuditRecord> audit;
  final TestOutputTopic<String, DeadLetter> deadLetters;
  final TestOutputTopic<String, IdentityLink> identityChanges;

  MatcherDriver(MatcherSettings settings, Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    AliasMatcherTopology.build(builder, topics, serdes, settings, clock);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "matcher-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    driver = new TopologyTestDriver(builder.build(props), props, MatcherFixtures.T);
    StringSerializer keys = new StringSerializer();
    aliases =
        driver.createInputTopic(
            topics.aliases().name(), keys, serdes.value(topics.aliases()).serializer());
    identities =
        driver.createInputTopic(
            topics.identities().name(), keys, serdes.value(topics.identities()).serializer());
    policies =
        driver.createInputTopic(
            topics.policies().name(), keys, serdes.value(topics.policies()).serializer());
    events =
        driver.createInputTopic(
            topics.events().name(), keys, serdes.value(topics.events()).serializer());
    rawEvents = driver.createInputTopic(topics.events().name(), keys, new ByteArraySerializer());
    StringDeserializer keysOut = new StringDeserializer();
    commands =
        driver.createOutputTopic(
            topics.commands().name(), keysOut, serdes.value(topics.commands()).deserializer());
    replies =
        driver.createOutputTopic(
            topics.replies().name(), keysOut, serdes.value(topics.replies()).deserializer());
    audit =
        driver.createOutputTopic(
            topics.audit().name(), keysOut, serdes.value(topics.audit()).deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetters().name(),
            keysOut,
            serdes.value(topics.deadLetters()).deserializer());
    identityChanges =
        driver.createOutputTopic(
            topics.identities().name(), keysOut, serdes.value(topics.identities()).deserializer());
    MatcherFixtures.catalogue().forEach(a -> aliases.pipeInput(a.getRef(), a));
  }

  void send(ChatEvent event) {
    events.pipeInput(ConversationKeys.of(event.getConversation()), event, clock.instant());
  }

  void link(IdentityLink link) {
    identities.pipeInput(ChatIdentity.of(link).key(), link);
  }

  void apply(Policy policy) {
    policies.pipeInput(policy.getName(), policy);
  }

  /** Moves the test clock and the driver's wall clock together. */
  void advance(Duration duration) {
    clock.now = clock.now.plus(duration);
    driver.advanceWallClockTime(duration);
  }

  @Override
  public void close() {
    driver.close();
  }
}
