package switchboard.testkit.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import switchboard.connector.ChatConnector;
import switchboard.connector.ChatConnectorProvider;
import switchboard.connector.ConnectorContext;
import switchboard.connector.DeliveryResult;
import switchboard.connector.InboundMessage;
import switchboard.connector.OutboundReply;

/**
 * The behaviour every chat connector owes the runtime and the notifier (style.md §5). A connector
 * module's test extends this class and supplies a {@link ConformanceHarness}:
 *
 * <pre>{@code
 * class SlackConnectorConformanceTest extends ChatConnectorConformance {
 *   @Override
 *   protected ConformanceHarness createHarness() { return new SlackFakeHarness(); }
 * }
 * }</pre>
 *
 * <p>A case is skipped only when the harness declares its {@link ConformanceFeature} unsupported.
 */
public abstract class ChatConnectorConformance {

  private static final Duration TIMEOUT = CapturingSink.TIMEOUT;

  private ConformanceHarness harness;
  private CapturingSink sink;
  private ChatConnector connector;

  /** A fresh harness for one test method. */
  protected abstract ConformanceHarness createHarness() throws Exception;

  @BeforeEach
  final void startConnector() throws Exception {
    harness = createHarness();
    sink = new CapturingSink();
    connector = harness.start(sink);
  }

  @AfterEach
  final void stopConnector() throws Exception {
    try {
      if (connector != null) {
        connector.close();
      }
    } finally {
      harness.close();
    }
  }

  // --- configuration ---------------------------------------------------------------------------

  @Test
  void shouldBeFoundByTheServiceLoaderUnderALowerCaseId() {
    ChatConnectorProvider provider = harness.provider();

    assertThat(provider.id()).matches("[a-z][a-z0-9]*");
    assertThat(ServiceLoader.load(ChatConnectorProvider.class).stream())
        .as("META-INF/services/%s lists %s", ChatConnectorProvider.class.getName(), provider)
        .anyMatch(p -> p.type().equals(provider.getClass()));
  }

  @Test
  void shouldDocumentEveryConfigKey() {
    List<String> undocumented =
        harness.provider().configDef().configKeys().values().stream()
            .filter(key -> key.documentation == null || key.documentation.isBlank())
            .map(key -> key.name)
            .toList();

    assertThat(harness.provider().configDef().configKeys()).isNotEmpty();
    assertThat(undocumented).as("config keys without documentation").isEmpty();
  }

  @Test
  void shouldAcceptTheHarnessConfig() {
    assertThat(errors(harness.config())).as("errors in the harness config").isEmpty();
  }

  @Test
  void shouldRefuseBadConfigNamingTheKey() {
    List<BadConfig> cases = new ArrayList<>(harness.badConfigs());
    ConfigDef def = harness.provider().configDef();
    for (ConfigDef.ConfigKey key : def.configKeys().values()) {
      if (!key.hasDefault() && harness.config().containsKey(key.name)) {
        Map<String, String> without = new HashMap<>(harness.config());
        without.remove(key.name);
        cases.add(new BadConfig(key.name, without));
      }
    }
    assertThat(cases).as("bad configs to try: list some in the harness").isNotEmpty();

    for (BadConfig bad : cases) {
      assertThat(errors(bad.config())).as("validation errors of %s", bad).containsKey(bad.key());
      assertThatThrownBy(
              () -> {
                try (ChatConnector refused =
                    harness
                        .provider()
                        .create(
                            new ConnectorContext(
                                "refused", bad.config(), new CapturingSink(), Clock.systemUTC()))) {
                  refused.start();
                }
              })
          .as("creating an instance with %s", bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(bad.key());
    }
  }

  private Map<String, List<String>> errors(Map<String, String> config) {
    return harness.provider().configDef().validateAll(config).values().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  // --- inbound ---------------------------------------------------------------------------------

  @Test
  void shouldForwardAUserMessageWithStableIdentity() throws Exception {
    String text = unique("hello");

    harness.emitUserMessage(text);

    InboundMessage message = sink.awaitMessageContaining(text);
    assertThat(message.eventId()).isNotBlank();
    assertThat(message.senderId()).isNotBlank();
    assertThat(message.channel()).isNotBlank();
    assertThat(message.interaction()).isNull();
    assertThat(message.botMentions()).isEmpty();
  }

  @Test
  void shouldKeepTheEventIdWhenTheProviderRedeliversAnEvent() throws Exception {
    assumeSupported(ConformanceFeature.REDELIVERY);
    String text = unique("redelivered");
    ProviderEvent event = harness.emitUserMessage(text);
    String eventId = sink.awaitMessageContaining(text).eventId();

    harness.redeliver(event);
    awaitMarker();

    // A connector may also drop the redelivery itself; what it forwards must carry the same id.
    assertThat(messagesContaining(text))
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.eventId()).isEqualTo(eventId));
  }

  @Test
  void shouldDropItsOwnMessages() throws Exception {
    assumeSupported(ConformanceFeature.OWN_MESSAGES);
    String text = unique("own");

    harness.emitOwnMessage(text);
    awaitMarker();

    assertThat(messagesContaining(text)).as("the bot's own messages forwarded").isEmpty();
  }

  @Test
  void shouldDropMessagesFromOtherBots() throws Exception {
    assumeSupported(ConformanceFeature.OTHER_BOT_MESSAGES);
    String text = unique("other bot");

    harness.emitOtherBotMessage(text);
    awaitMarker();

    assertThat(messagesContaining(text)).as("other bots' messages forwarded").isEmpty();
  }

  @Test
  void shouldRecordAMentionOfTheBotInBotMentions() throws Exception {
    assumeSupported(ConformanceFeature.BOT_MENTIONS);
    String text = unique("mention");

    harness.emitMentionOfBot(text);

    InboundMessage message = sink.awaitMessageContaining(text);
    assertThat(message.botMentions()).isNotEmpty();
    assertThat(message.botMentions())
        .allSatisfy(token -> assertThat(message.text()).contains(token));
  }

  // --- outbound --------------------------------------------------------------------------------

  @Test
  void shouldPostAReplyToTheConversationAMessageCameFrom() throws Exception {
    String text = unique("question");
    harness.emitUserMessage(text);
    InboundMessage message = sink.awaitMessageContaining(text);
    ReplyTarget origin = new ReplyTarget(message.workspace(), message.channel());

    DeliveryResult result = connector.deliver(reply(origin, unique("answer-id"), "the answer"));

    assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
    assertThat(((DeliveryResult.Delivered) result).messageIds()).isNotEmpty();
    assertThat(harness.posts(origin)).extracting(ProviderPost::text).contains("the answer");
  }

  @Test
  void shouldSplitALongReplyWithinTheProviderLimitLosingNothing() throws Exception {
    int providerMax = harness.providerMaxMessageChars();
    assertThat(connector.capabilities().maxMessageChars()).isBetween(1, providerMax);
    ReplyTarget target = harness.conversation("conformance-long");
    String text = longText(providerMax * 5 / 2);

    DeliveryResult result = connector.deliver(reply(target, unique("long"), text));

    assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
    List<ProviderPost> posts = harness.posts(target);
    assertThat(posts)
        .allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(providerMax));
    boolean uploaded = posts.stream().anyMatch(p -> text.equals(p.upload()));
    if (!uploaded) {
      assertThat(posts.stream().map(ProviderPost::text).collect(Collectors.joining()))
          .as("the posts' texts, joined")
          .isEqualTo(text);
    }
  }

  @Test
  void shouldSurfaceARateLimitAsRetryAfterWithTheProviderDelay() throws Exception {
    assumeSupported(ConformanceFeature.RATE_LIMIT);
    ReplyTarget target = harness.conversation("conformance-limited");
    OutboundReply reply = reply(target, unique("limited"), "after the limit");
    harness.rateLimitNextPost(Duration.ofSeconds(7));

    DeliveryResult limited = connector.deliver(reply);
    DeliveryResult retried = connector.deliver(reply);

    assertThat(limited).isInstanceOf(DeliveryResult.RetryAfter.class);
    assertThat(((DeliveryResult.RetryAfter) limited).delay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(retried).isInstanceOf(DeliveryResult.Delivered.class);
    assertThat(harness.posts(target))
        .extracting(ProviderPost::text)
        .containsExactly("after the limit");
  }

  @Test
  void shouldKeepReplyOrderPerConversation() throws Exception {
    ReplyTarget a = harness.conversation("conformance-a");
    ReplyTarget b = harness.conversation("conformance-b");
    List<String> expectedA = IntStream.rangeClosed(1, 10).mapToObj(i -> "a " + i).toList();
    List<String> expectedB = IntStream.rangeClosed(1, 10).mapToObj(i -> "b " + i).toList();

    // One thread per conversation, as the notifier calls deliver (ChatConnector#deliver).
    CompletableFuture<Void> toA = CompletableFuture.runAsync(() -> deliverAll(a, expectedA));
    CompletableFuture<Void> toB = CompletableFuture.runAsync(() -> deliverAll(b, expectedB));
    CompletableFuture.allOf(toA, toB).get();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(harness.posts(a)).extracting(ProviderPost::text).isEqualTo(expectedA);
              assertThat(harness.posts(b)).extracting(ProviderPost::text).isEqualTo(expectedB);
            });
  }

  @Test
  void shouldCloseIdempotently() {
    connector.close();
    connector.close();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void assumeSupported(ConformanceFeature feature) {
    assumeFalse(
        harness.unsupported().contains(feature),
        () -> "the harness declares " + feature + " unsupported");
  }

  /**
   * Emits a fresh user message and waits for it. Connectors forward in provider order, so once the
   * marker arrived, anything emitted before it that was going to arrive has arrived.
   */
  private void awaitMarker() throws Exception {
    String marker = unique("marker");
    harness.emitUserMessage(marker);
    sink.awaitMessageContaining(marker);
  }

  private List<InboundMessage> messagesContaining(String text) {
    return sink.messages().stream().filter(m -> m.text().contains(text)).toList();
  }

  private void deliverAll(ReplyTarget target, List<String> texts) {
    for (String text : texts) {
      DeliveryResult result = connector.deliver(reply(target, unique("order"), text));
      assertThat(result).as("delivering %s", text).isInstanceOf(DeliveryResult.Delivered.class);
    }
  }

  private static OutboundReply reply(ReplyTarget target, String replyId, String text) {
    return new OutboundReply(
        replyId,
        "result",
        target.workspace(),
        target.channel(),
        null,
        null,
        null,
        "neutral",
        null,
        text,
        List.of(),
        List.of(),
        List.of(),
        Map.of());
  }

  /** Plain words in numbered lines: no markup a provider would escape, nothing to trim. */
  private static String longText(int length) {
    StringBuilder text = new StringBuilder(length + 64);
    for (int line = 1; text.length() < length; line++) {
      text.append(String.format("line %06d the quick brown fox jumps over the lazy dog\n", line));
    }
    return text.toString();
  }

  private static String unique(String what) {
    return "conformance " + what + " " + UUID.randomUUID().toString().substring(0, 8);
  }
}
