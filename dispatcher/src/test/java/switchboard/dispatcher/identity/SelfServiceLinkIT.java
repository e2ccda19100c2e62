package switchboard.dispatcher.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.dispatcher.stackstorm.StackStormCredentials;
import switchboard.dispatcher.stackstorm.StackStormSettings;
import switchboard.records.ChatUser;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.records.IdentityLink;
import switchboard.records.Reply;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;
import switchboard.testkit.stackstorm.StackStormDouble;

/**
 * The self-service link end to end: the offer in chat, the page, StackStorm's token endpoint (the
 * contract double) and the link on {@code chatops.identities}.
 */
@Tag("integration")
@Timeout(120)
class SelfServiceLinkIT {

  @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleNode();

  private static final String PASSWORD = "correct horse:battery&staple";
  private static final Conversation DM = new Conversation("slack", "ops-slack", "T1", "D1", true);
  private static final Pattern URL = Pattern.compile("(http://\\S+/link/[A-Za-z0-9_-]{43})");

  private final LinkTokensTest.MutableClock clock =
      new LinkTokensTest.MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  private final HttpClient browser = HttpClient.newHttpClient();
  private Topics topics;
  private KafkaTopicSchemaRegistry registry;
  private StackStormDouble st2;
  private KafkaIdentityLinkSink sink;
  private SelfServiceLinks links;

  @BeforeEach
  void start() throws Exception {
    topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    registry = new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
    st2 = StackStormDouble.builder().user("alice", PASSWORD).build().start();
    sink =
        new KafkaIdentityLinkSink(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
            topics.identities(),
            new RecordSerdes(registry));
    LinkSettings settings =
        new LinkSettings(Optional.empty(), "127.0.0.1", 0, Duration.ofMinutes(10), 3);
    // The dispatcher's own credentials must play no part in checking a user's.
    StackStormSettings stackStorm =
        StackStormSettings.behindProxy(st2.url(), new StackStormCredentials.ApiKey("unused"));
    links = new SelfServiceLinks(settings, stackStorm, sink, new CommandRecords(topics), clock);
    links.start();
  }

  @AfterEach
  void stop() {
    links.close();
    sink.close();
    st2.close();
    registry.close();
  }

  @Test
  void shouldLinkTheChatUserAfterAStackStormSignInAndRefuseTheLinkTwice() throws Exception {
    // Given a link offered to U1 in a direct conversation
    Reply offer = links.offer(linkCommand("Ev1", "U1"));
    assertThat(offer.getWhisperTo()).isEqualTo("U1");
    URI page = pageOf(offer);

    // When U1 opens it, first mistypes the password, then signs in
    HttpResponse<String> form = get(page);
    HttpResponse<String> wrong = post(page, "alice", "guess");
    HttpResponse<String> right = post(page, "alice", PASSWORD);

    // Then the form names the chat user, the wrong password is refused, the right one links
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<code>U1</code>").contains("<code>T1</code>");
    assertThat(form.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(form.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong StackStorm user or password.").doesNotContain("guess");
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.body()).contains("<code>alice</code>").doesNotContain(PASSWORD);
    assertThat(st2.requests())
        .filteredOn(r -> r.pathOnly().equals("/auth/v1/tokens"))
        .hasSizeGreaterThanOrEqualTo(2)
        .allMatch(r -> !r.body().contains(PASSWORD));
    List<ConsumerRecord<String, IdentityLink>> written = identities(1);
    assertThat(written.get(0).key()).isEqualTo("slack/T1/U1");
    assertThat(written.get(0).value().getStackstormUser()).isEqualTo("alice");
    assertThat(written.get(0).value().getLinkedBy()).isEqualTo("self-service");
    assertThat(written.get(0).value().toString()).doesNotContain(PASSWORD);

    // And the used link works no more
    assertThat(get(page).statusCode()).isEqualTo(410);
    assertThat(post(page, "alice", PASSWORD).statusCode()).isEqualTo(410);
  }

  @Test
  void shouldRefuseAnExpiredLinkAndWriteNothing() throws Exception {
    // Given a link offered to U2, and its ten minutes gone by
    URI page = pageOf(links.offer(linkCommand("Ev2", "U2")));
    clock.now = clock.now.plus(Duration.ofMinutes(10).plusSeconds(1));

    // When U2 opens it and signs in anyway
    HttpResponse<String> opened = get(page);
    HttpResponse<String> signedIn = post(page, "alice", PASSWORD);

    // Then the page says it expired, and no link is written
    assertThat(opened.statusCode()).isEqualTo(410);
    assertThat(opened.body()).contains("Send <code>link</code> to the bot");
    assertThat(signedIn.statusCode()).isEqualTo(410);
    assertThat(identities(0)).isEmpty();
  }

  private static CommandRequest linkCommand(String eventId, String user) {
    Instant t = Instant.parse("2026-11-28T12:00:00Z");
    return CommandRequest.newBuilder()
        .setRequestId("ops-slack:" + eventId)
        .setEventId(eventId)
        .setConversation(DM)
        .setSender(new ChatUser(user, "someone"))
        .setAliasRef(SelfServiceLinks.ALIAS_REF)
        .setAliasName("link")
        .setActionRef(SelfServiceLinks.ALIAS_REF)
        .setRepresentation("link")
        .setCommand("link")
        .setDecidedBy("self-service")
        .setReceivedAt(t)
        .setMatchedAt(t)
        .build();
  }

  /** The offered URL: without a public URL, the page's own address on its actual port. */
  private URI pageOf(Reply offer) {
    Matcher url = URL.matcher(offer.getText());
    assertThat(url.find()).as(offer.getText()).isTrue();
    URI page = URI.create(url.group(1));
    assertThat(page.getPort()).isEqualTo(links.port());
    return page;
  }

  private HttpResponse<String> get(URI page) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(page).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI page, String user, String password) throws Exception {
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return browser.send(
        HttpRequest.newBuilder(page)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Reads chatops.identities until {@code expected} records arrived (0: reads it to its end). */
  private List<ConsumerRecord<String, IdentityLink>> identities(int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topics.prefix() + expected);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    RecordSerdes serdes = new RecordSerdes(registry);
    List<ConsumerRecord<String, IdentityLink>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.identities().name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r ->
                            records.add(
                                new ConsumerRecord<>(
                                    r.topic(),
                                    r.partition(),
                                    r.offset(),
                                    r.key(),
                                    serdes
                                        .value(topics.identities())
                                        .deserialize(r.topic(), r.value()))));
                assertThat(records).hasSize(expected);
                assertThat(consumer.assignment()).isNotEmpty();
              });
    }
    return records;
  }
}
