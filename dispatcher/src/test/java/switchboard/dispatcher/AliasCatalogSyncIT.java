package switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.dispatcher.aliases.AliasDefinitions;
import switchboard.records.AliasDefinition;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;
import switchboard.testkit.stackstorm.SampleAliases;
import switchboard.testkit.stackstorm.StackStormDouble;

/** chatops.aliases follows StackStorm's catalogue: start, stream events, reconnects, restarts. */
@Tag("integration")
@Timeout(120)
class AliasCatalogSyncIT {

  // One partition for the broker's own offsets and transaction logs: the default 50 each take
  // seconds to create on first use, which is all a single-node test cluster would spend them on.
  @RegisterExtension
  static final KafkaClusterExtension KAFKA =
      KafkaClusterExtension.singleNode()
          .withBrokerConfig(
              Map.of(
                  "offsets.topic.num.partitions", "1",
                  "transaction.state.log.num.partitions", "1"));

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  Topics topics;
  KafkaTopicSchemaRegistry registry;
  RecordSerdes serdes;
  StackStormDouble st2;
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  TopicTail<AliasDefinition> aliases;
  Dispatcher dispatcher;

  @BeforeEach
  void setUp() throws Exception {
    topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    registry = new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
    serdes = new RecordSerdes(registry);
    st2 = StackStormDouble.builder().apiKey("k").aliases(SampleAliases.load()).build().start();
    aliases = new TopicTail<>(KAFKA.bootstrapServers(), topics.aliases(), serdes);
  }

  @AfterEach
  void tearDown() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    aliases.close();
    st2.close();
    registry.close();
  }

  void startDispatcher() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
    config.put("dispatcher.st2.url", st2.url().toString());
    config.put("dispatcher.st2.api.key", "k");
    config.put("dispatcher.group.id", topics.prefix() + "dispatcher");
    config.put("dispatcher.instance.id", "it");
    // Long: any resync seen during the test comes from the start or a reconnect.
    config.put("dispatcher.alias.resync.interval.ms", "600000");
    dispatcher =
        new Dispatcher(DispatcherConfig.from(config), topics, serdes, meters, Clock.systemUTC());
    dispatcher.start();
  }

  Set<String> refsOnStackStorm() {
    return st2.aliases().stream().map(AliasDefinitions::ref).collect(Collectors.toSet());
  }

  static ObjectNode alias(String pack, String name, String description) {
    ObjectNode alias = JSON.createObjectNode();
    alias.put("name", name).put("pack", pack).put("description", description);
    alias.put("action_ref", "core.local");
    alias.putArray("formats").add(name + " {{service}}");
    return alias;
  }

  double resyncs() {
    return meters.get("switchboard.dispatcher.aliases.resyncs").counter().count();
  }

  @Test
  void shouldKeepTheAliasTopicEqualToStackStormsCatalogue() {
    long started = System.nanoTime();

    // Given StackStorm with the sample aliases, when the dispatcher starts
    startDispatcher();

    // Then every alias is published, keyed by ref
    await().atMost(WAIT).until(() -> aliases.table().keySet().equals(refsOnStackStorm()));
    assertThat(aliases.table()).hasSize(7);
    AliasDefinition shell = aliases.table().get("examples.remote_shell_cmd");
    assertThat(shell.getFormats().get(0).getRepresentations())
        .containsExactly("run {{cmd}} on {{hosts}}");
    assertThat(shell.getAck().getFormat()).startsWith("Hold tight while I run command");
    // with what core.remote's runner marks secret, for masking
    assertThat(shell.getSecretParameters())
        .containsExactly("passphrase", "password", "private_key");
    assertThat(aliases.table().get("hello_st2.greet").getSecretParameters()).isEmpty();
    double afterStart = resyncs();

    // When an alias is updated on StackStorm, then its new definition is published
    JsonNode greet =
        st2.aliases().stream()
            .filter(a -> a.path("ref").asText().equals("hello_st2.greet"))
            .findFirst()
            .orElseThrow();
    ObjectNode politer = greet.deepCopy();
    politer.put("description", "Greet StackStorm, politely");
    st2.putAlias(politer);
    await()
        .atMost(WAIT)
        .until(
            () ->
                "Greet StackStorm, politely"
                    .equals(aliases.table().get("hello_st2.greet").getDescription()));

    // When an alias is deleted, then a tombstone removes it
    st2.deleteAlias("hello_st2.greet");
    await().atMost(WAIT).until(() -> !aliases.table().containsKey("hello_st2.greet"));
    assertThat(aliases.entries())
        .anySatisfy(
            e -> {
              assertThat(e.key()).isEqualTo("hello_st2.greet");
              assertThat(e.value()).isNull();
            });

    // When the stream drops and an alias is created before it is back, then the resync after the
    // reconnect publishes it
    st2.refuseStreamConnections(2);
    st2.dropStreamConnections();
    st2.putAlias(alias("ops", "restart", "Restart a service"));
    await().atMost(WAIT).until(() -> aliases.table().containsKey("ops.restart"));
    assertThat(resyncs()).isGreaterThan(afterStart);

    // When an alias is deleted while the dispatcher is down, then the next start removes it
    dispatcher.close();
    st2.deleteAlias("networking_utils.ping");
    startDispatcher();
    await().atMost(WAIT).until(() -> !aliases.table().containsKey("networking_utils.ping"));
    assertThat(aliases.table().keySet()).isEqualTo(refsOnStackStorm());
    System.out.printf(
        "FIGURES alias sync: %d aliases in sync after create/update/delete/reconnect/restart,"
            + " %.0f resyncs, took %.1f s%n",
        aliases.table().size(), resyncs(), (System.nanoTime() - started) / 1e9);
  }
}
