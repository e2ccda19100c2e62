package switchboard.connector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.connector.console.ConsoleConnector;
import switchboard.records.ChatEvent;
import switchboard.records.ChatEventKind;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;
import switchboard.records.DeadLetter;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;

/** The runtime with the console connector on a real in-JVM broker. */
@Tag("integration")
@Timeout(120)
class ConnectorRuntimeIT {

  @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleNode();

  private final HttpClient http = HttpClient.newHttpClient();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Topics topics;
  private KafkaTopicSchemaRegistry registry;
  private RecordSerdes serdes;
  private ConnectorRuntime runtime;

  @BeforeEach
  void startRuntime() {
    topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    registry = new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
    serdes = new RecordSerdes(registry);
    runtime =
        ConnectorRuntime.builder()
            .config(Map.of("connectors.demo.provider", "console", "connectors.demo.http.port", "0"))
            .kafka(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))
            .topics(topics)
            .serdes(serdes)
            .meters(meters)
            .build();
    runtime.start();
  }

  @AfterEach
  void stopRuntime() {
    runtime.close();
    registry.close();
  }

  @Test
  void shouldPublishConsoleMessagesAsChatEventsInOrderAndDeadLetterAnUnreadablePost()
      throws Exception {
    // Given the console instance the runtime started
    URI console = ((ConsoleConnector) runtime.connectors().get("demo")).address();

    // When alice writes three messages and a script posts something that is no message
    for (String text : List.of("@switchboard run uptime", "second", "third")) {
      assertThat(
              post(console, "{\"user\":\"alice\",\"channel\":\"#ops\",\"text\":\"" + text + "\"}"))
          .isEqualTo(202);
    }
    String garbage = "{\"user\":\"alice\",\"channel\":";
    assertThat(post(console, garbage)).isEqualTo(400);

    // Then the events are on chatops.events, keyed by conversation, in order
    List<ConsumerRecord<String, byte[]>> events = read(topics.events(), 3);
    assertThat(events).extracting(ConsumerRecord::key).containsOnly("demo/local/#ops");
    List<ChatEvent> decoded = events.stream().map(r -> decode(topics.events(), r)).toList();
    assertThat(decoded)
        .extracting(ChatEvent::getText)
        .containsExactly("@switchboard run uptime", "second", "third");
    ChatEvent first = decoded.get(0);
    assertThat(first.getKind()).isEqualTo(ChatEventKind.MESSAGE);
    assertThat(first.getConversation())
        .isEqualTo(new Conversation("console", "demo", "local", "#ops", false));
    assertThat(first.getSender()).isEqualTo(new ChatUser("local:alice", "alice"));
    assertThat(first.getBotMentions()).containsExactly("@switchboard");
    assertThat(first.getEventId()).isNotBlank();

    // And the unreadable post is a dead letter of this instance, with its bytes
    DeadLetter letter = decode(topics.deadLetters(), read(topics.deadLetters(), 1).get(0));
    assertThat(letter.getComponent()).isEqualTo("connector:demo");
    assertThat(letter.getReasonCode()).isEqualTo("UNREADABLE_PAYLOAD");
    assertThat(letter.getMessage()).startsWith("not a message");
    assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalValue()).toString())
        .isEqualTo(garbage);

    // And both outcomes are counted
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        meters
                            .get(ConnectorRuntime.EVENTS_METRIC)
                            .tags("connector", "demo", "outcome", "published")
                            .counter()
                            .count())
                    .isEqualTo(3));
    assertThat(
            meters
                .get(ConnectorRuntime.DEAD_LETTERS_METRIC)
                .tags("connector", "demo", "outcome", "published")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private int post(URI console, String json) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(console.resolve("api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  private <V extends SpecificRecord> V decode(
      TopicSpec<V> topic, ConsumerRecord<String, byte[]> record) {
    DecodeResult<V> result = serdes.decode(topic, record.value());
    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded<V>) result).value();
  }

  private List<ConsumerRecord<String, byte[]>> read(TopicSpec<?> topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic.name());
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic.name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    assertThat(records).as("records on %s", topic.name()).hasSize(expected);
    return records;
  }
}
