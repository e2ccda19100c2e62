package switchboard.connector.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import switchboard.connector.ChatConnector;
import switchboard.connector.ChatConnectorProvider;
import switchboard.connector.ConnectorContext;
import switchboard.connector.InboundSink;
import switchboard.testkit.connectors.BadConfig;
import switchboard.testkit.connectors.ConformanceHarness;
import switchboard.testkit.connectors.ProviderEvent;
import switchboard.testkit.connectors.ProviderPost;
import switchboard.testkit.connectors.ReplyTarget;

/**
 * The console's provider side is its own HTTP API: users post there, and what the bot delivered is
 * read back from there. Every conformance case applies: a retried POST with the same {@code
 * clientMessageId} is a redelivery, a POST under the bot's name is the bot's own message, {@code
 * "bot": true} marks another bot, and {@code /api/simulate/rate-limit} answers the next post with a
 * retry-after.
 */
final class ConsoleConformanceHarness implements ConformanceHarness {

  private static final String CHANNEL = "#conformance";
  private static final String BOT = "switchboard";

  private final ConsoleConnectorProvider provider = new ConsoleConnectorProvider();
  private ConsoleConnector connector;
  private ConsoleClient client;

  @Override
  public ChatConnectorProvider provider() {
    return provider;
  }

  @Override
  public Map<String, String> config() {
    return Map.of(
        ConsoleConfig.HTTP_PORT_CONFIG, "0",
        ConsoleConfig.BOT_NAME_CONFIG, BOT,
        ConsoleConfig.BANNER_CONFIG, "conformance");
  }

  @Override
  public List<BadConfig> badConfigs() {
    return List.of(
        bad(ConsoleConfig.HTTP_PORT_CONFIG, "70000"),
        bad(ConsoleConfig.HTTP_PORT_CONFIG, "eighty"),
        bad(ConsoleConfig.HTTP_HOST_CONFIG, ""),
        bad(ConsoleConfig.BOT_NAME_CONFIG, "two words"),
        bad(ConsoleConfig.DEFAULT_CHANNEL_CONFIG, "ops"),
        bad(ConsoleConfig.HISTORY_LIMIT_CONFIG, "0"));
  }

  private BadConfig bad(String key, String value) {
    Map<String, String> config = new HashMap<>(config());
    config.put(key, value);
    return new BadConfig(key, config);
  }

  @Override
  public ChatConnector start(InboundSink sink) throws Exception {
    connector =
        (ConsoleConnector)
            provider.create(new ConnectorContext("conformance", config(), sink, Clock.systemUTC()));
    connector.start();
    client = new ConsoleClient(connector.address());
    return connector;
  }

  @Override
  public ProviderEvent emitUserMessage(String text) throws Exception {
    String id = UUID.randomUUID().toString();
    postMessage(Map.of("user", "alice", "channel", CHANNEL, "text", text, "clientMessageId", id));
    return new ProviderEvent(id, text);
  }

  @Override
  public void redeliver(ProviderEvent event) throws Exception {
    postMessage(
        Map.of(
            "user",
            "alice",
            "channel",
            CHANNEL,
            "text",
            event.text(),
            "clientMessageId",
            event.reference()));
  }

  @Override
  public void emitOwnMessage(String text) throws Exception {
    postMessage(Map.of("user", BOT, "channel", CHANNEL, "text", text));
  }

  @Override
  public void emitOtherBotMessage(String text) throws Exception {
    postMessage(Map.of("user", "deploy-bot", "channel", CHANNEL, "text", text, "bot", true));
  }

  @Override
  public ProviderEvent emitMentionOfBot(String text) throws Exception {
    return emitUserMessage("@" + BOT + " " + text);
  }

  private void postMessage(Map<String, Object> body) throws Exception {
    ConsoleClient.Response response = client.post("api/messages", body);
    if (response.status() != 202) {
      throw new AssertionError("POST /api/messages answered " + response);
    }
  }

  @Override
  public ReplyTarget conversation(String name) {
    return new ReplyTarget(ConsoleSettings.WORKSPACE, "#" + name);
  }

  @Override
  public List<ProviderPost> posts(ReplyTarget conversation) throws Exception {
    List<ProviderPost> posts = new ArrayList<>();
    for (JsonNode message : client.messages(conversation.channel(), 0, 0, null).get("messages")) {
      if (message.get("from").asText().equals(ConsoleMessage.FROM_BOT)) {
        posts.add(new ProviderPost(message.get("text").asText(), null));
      }
    }
    return posts;
  }

  @Override
  public void rateLimitNextPost(Duration retryAfter) throws Exception {
    ConsoleClient.Response response =
        client.post(
            "api/simulate/rate-limit",
            Map.of("posts", 1, "retryAfterSeconds", retryAfter.toSeconds()));
    if (response.status() != 202) {
      throw new AssertionError("POST /api/simulate/rate-limit answered " + response);
    }
  }

  @Override
  public int providerMaxMessageChars() throws Exception {
    return client.get("api/info").json().get("maxMessageChars").asInt();
  }

  @Override
  public void close() {
    if (connector != null) {
      connector.close();
    }
  }
}
