package switchboard.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import switchboard.connector.ChatConnector;
import switchboard.connector.ChatConnectorProvider;
import switchboard.connector.ConnectorContext;
import switchboard.connector.InboundSink;
import switchboard.testkit.connectors.BadConfig;
import switchboard.testkit.connectors.ConformanceHarness;
import switchboard.testkit.connectors.ProviderEvent;
import switchboard.testkit.connectors.ProviderPost;
import switchboard.testkit.connectors.ReplyTarget;
import switchboard.testkit.slack.LocalSlack;
import switchboard.testkit.slack.PostedMessage;
import switchboard.testkit.slack.SlackSamples;
import switchboard.testkit.slack.UploadedFile;

/**
 * The Slack connector in Socket Mode against a {@link LocalSlack}. Every conformance case applies:
 * events are the recorded samples with the text replaced, a redelivery is the same envelope sent
 * again with {@code retry_attempt} + 1, and a rate limit is HTTP 429 on chat.postMessage. One
 * Socket Mode connection keeps provider order, which the kit's markers rely on (Slack itself orders
 * nothing across connections).
 */
final class SlackConformanceHarness implements ConformanceHarness {

  private final LocalSlack slack = LocalSlack.start();
  private final SlackConnectorProvider provider = new SlackConnectorProvider();
  private final AtomicInteger sequence = new AtomicInteger();

  @Override
  public ChatConnectorProvider provider() {
    return provider;
  }

  @Override
  public Map<String, String> config() {
    return Map.of(
        SlackConnectorConfig.BOT_TOKEN_CONFIG, slack.botToken(),
        SlackConnectorConfig.APP_TOKEN_CONFIG, slack.appToken(),
        SlackConnectorConfig.API_URL_CONFIG, slack.apiUrl(),
        SlackConnectorConfig.SOCKET_CONNECTIONS_CONFIG, "1");
  }

  @Override
  public List<BadConfig> badConfigs() {
    return List.of(
        bad(SlackConnectorConfig.BOT_TOKEN_CONFIG, "xoxp-a-user-token"),
        bad(SlackConnectorConfig.APP_TOKEN_CONFIG, slack.botToken()),
        bad(SlackConnectorConfig.MODE_CONFIG, "webhook"),
        bad(SlackConnectorConfig.SOCKET_CONNECTIONS_CONFIG, "11"),
        bad(SlackConnectorConfig.SOCKET_CONNECTIONS_CONFIG, "0"),
        bad(SlackConnectorConfig.EVENTS_HTTP_PORT_CONFIG, "70000"),
        bad(SlackConnectorConfig.EVENTS_PATH_CONFIG, "slack/events"),
        bad(SlackConnectorConfig.API_URL_CONFIG, "slack.com/api/"),
        bad(SlackConnectorConfig.REPLY_IN_THREAD_CONFIG, "sometimes"),
        bad(SlackConnectorConfig.REPLY_IN_THREAD_CHANNELS_CONFIG, "general"),
        bad(SlackConnectorConfig.FILE_UPLOAD_THRESHOLD_CHARS_CONFIG, "0"),
        bad(SlackConnectorConfig.PACING_PER_CHANNEL_MS_CONFIG, "-1"),
        bad(SlackConnectorConfig.COLOR_SUCCESS_CONFIG, "blue"));
  }

  private BadConfig bad(String key, String value) {
    Map<String, String> config = new HashMap<>(config());
    config.put(key, value);
    return new BadConfig(key, config);
  }

  @Override
  public ChatConnector start(InboundSink sink) throws Exception {
    ChatConnector connector =
        provider.create(new ConnectorContext("conformance", config(), sink, Clock.systemUTC()));
    connector.start();
    return connector;
  }

  @Override
  public ProviderEvent emitUserMessage(String text) {
    return send(SlackSamples.MESSAGE, text);
  }

  @Override
  public void redeliver(ProviderEvent event) {
    slack.socketMode().redeliver(event.reference());
  }

  @Override
  public void emitOwnMessage(String text) {
    send(SlackSamples.OWN_BOT_MESSAGE, text);
  }

  @Override
  public void emitOtherBotMessage(String text) {
    send(SlackSamples.BOT_MESSAGE, text);
  }

  @Override
  public ProviderEvent emitMentionOfBot(String text) {
    return send(SlackSamples.MESSAGE, "<@" + slack.botUserId() + "> " + text);
  }

  /** A recorded sample with this text, a fresh ts and event_id, in a Socket Mode envelope. */
  private ProviderEvent send(String sample, String text) {
    int n = sequence.incrementAndGet();
    ObjectNode payload = SlackSamples.tree(sample);
    payload.put("event_id", "Ev0CONF" + n);
    ObjectNode event = (ObjectNode) payload.get("event");
    String ts = String.format(Locale.ROOT, "1719000000.%06d", n);
    event.put("text", text);
    event.put("ts", ts);
    event.put("event_ts", ts);
    return new ProviderEvent(slack.socketMode().sendEvent(payload), text);
  }

  @Override
  public ReplyTarget conversation(String name) {
    String channel = "C" + Integer.toHexString(name.hashCode()).toUpperCase(Locale.ROOT);
    slack.addChannel(channel);
    return new ReplyTarget(slack.teamId(), channel);
  }

  @Override
  public List<ProviderPost> posts(ReplyTarget conversation) {
    List<ProviderPost> posts = new ArrayList<>();
    for (PostedMessage message : slack.messages(conversation.channel())) {
      posts.add(new ProviderPost(plainText(message), null));
    }
    for (UploadedFile file : slack.files()) {
      if (conversation.channel().equals(file.channel())) {
        posts.add(new ProviderPost(file.title(), file.text()));
      }
    }
    return posts;
  }

  /** What a reader sees: the blocks' section texts, else the text, with Slack's escapes undone. */
  private static String plainText(PostedMessage message) {
    JsonNode blocks = message.blocks();
    if (blocks == null && message.attachments() != null) {
      blocks = message.attachments().path(0).get("blocks");
    }
    if (blocks == null) {
      return unescape(message.text());
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : blocks) {
      text.append(block.path("text").path("text").asText(""));
    }
    return unescape(text.toString());
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  @Override
  public void rateLimitNextPost(Duration retryAfter) {
    slack.rateLimitNextCalls("chat.postMessage", 1, retryAfter);
  }

  @Override
  public int providerMaxMessageChars() {
    return LocalSlack.MAX_TEXT_CHARS;
  }

  @Override
  public void close() {
    slack.close();
  }
}
