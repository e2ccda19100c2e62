package switchboard.testkit.connectors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import switchboard.connector.ChatConnector;
import switchboard.connector.ChatConnectorProvider;
import switchboard.connector.InboundSink;

/**
 * What a connector module gives {@link ChatConnectorConformance}: its provider, a config wired to a
 * provider side the test controls (a fake server, a local chat server, or the connector's own API),
 * and ways to make that provider side act. One harness serves one test method; the kit closes it.
 *
 * <p>Text passed to the {@code emit*} methods is plain ASCII words, so a provider's escaping never
 * changes it; the kit finds the resulting inbound message by that text.
 */
public interface ConformanceHarness extends AutoCloseable {

  /** The provider under test, as the service loader would create it. */
  ChatConnectorProvider provider();

  /** A valid config of one instance, prefix stripped, pointing at the provider side. */
  Map<String, String> config();

  /**
   * Configs that must be refused, each naming the key it breaks. Missing required keys are tested
   * by the kit itself; list wrong values here (a port out of range, a malformed URL, ...).
   */
  List<BadConfig> badConfigs();

  /** Creates an instance with {@link #config()} and {@code sink}, starts it, and returns it. */
  ChatConnector start(InboundSink sink) throws Exception;

  /** Makes a user write {@code text} in the harness's conversation. */
  ProviderEvent emitUserMessage(String text) throws Exception;

  /** Makes the provider deliver an event it already delivered again, as after a missed ack. */
  void redeliver(ProviderEvent event) throws Exception;

  /** Makes the provider deliver a message the connector's own bot user wrote. */
  void emitOwnMessage(String text) throws Exception;

  /** Makes the provider deliver a message another bot wrote. */
  void emitOtherBotMessage(String text) throws Exception;

  /** Makes a user write {@code text} together with a mention of the bot, in provider syntax. */
  ProviderEvent emitMentionOfBot(String text) throws Exception;

  /** A conversation replies can be posted to; the same name gives the same conversation. */
  ReplyTarget conversation(String name);

  /** What the provider side received in a conversation from the connector, in provider order. */
  List<ProviderPost> posts(ReplyTarget conversation) throws Exception;

  /** Makes the provider answer the next post with HTTP 429 and {@code Retry-After}. */
  void rateLimitNextPost(Duration retryAfter) throws Exception;

  /** The longest message text the provider side accepts. */
  int providerMaxMessageChars() throws Exception;

  /**
   * Cases that cannot apply to this provider; the kit skips exactly these. Prefer supporting a case
   * to declaring it, and say why in the harness when you do.
   */
  default Set<ConformanceFeature> unsupported() {
    return Set.of();
  }
}
