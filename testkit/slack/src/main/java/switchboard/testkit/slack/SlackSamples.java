package switchboard.testkit.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Recorded Slack payloads, under {@code src/main/resources/slack/}, built from the shapes in
 * Slack's documentation (chat-providers.md §1.1, §1.5): Events API {@code event_callback} bodies,
 * exactly what Slack POSTs to a Request URL and what a Socket Mode {@code events_api} envelope
 * carries as {@code payload}, and one {@code block_actions} interaction payload.
 *
 * <p>All of them live in one workspace ({@link #TEAM_ID}) with one app ({@link #APP_ID}) whose bot
 * user is {@link #BOT_USER_ID}; {@link LocalSlack} uses the same ids by default.
 */
public final class SlackSamples {

  /** The workspace every sample belongs to. */
  public static final String TEAM_ID = "T0001SWB";

  /** The app the samples were delivered to. */
  public static final String APP_ID = "A0APP0001";

  /** The app's bot user ({@code auth.test} user_id). */
  public static final String BOT_USER_ID = "U0BOT0001";

  /** The app's bot id ({@code auth.test} bot_id). */
  public static final String BOT_ID = "B0BOT0001";

  /** The human who writes the commands. */
  public static final String USER_ID = "U0ALICE01";

  /** The public channel the channel samples are written in. */
  public static final String CHANNEL_ID = "C0OPS0001";

  /** The direct conversation between {@link #USER_ID} and the bot. */
  public static final String DM_CHANNEL_ID = "D0DM00001";

  /** A channel message addressing the bot: {@code <@U0BOT0001> st2 list packs}. */
  public static final String MESSAGE = "message";

  /** A reply in the thread of {@link #MESSAGE}, addressing the bot. */
  public static final String THREAD_REPLY = "thread_reply";

  /** The {@code app_mention} event Slack sends for the same message as {@link #MESSAGE}. */
  public static final String APP_MENTION = "app_mention";

  /** A direct message to the bot ({@code channel_type} im), no mention. */
  public static final String DIRECT_MESSAGE = "dm";

  /** An edit of {@link #MESSAGE} (subtype message_changed, hidden). */
  public static final String MESSAGE_CHANGED = "message_changed";

  /** Someone joined the channel (subtype channel_join). */
  public static final String CHANNEL_JOIN = "channel_join";

  /** Another integration's message (subtype bot_message, its own bot_id). */
  public static final String BOT_MESSAGE = "bot_message";

  /** The bot's own reply, read back from the channel (bot_id and user are the bot's). */
  public static final String OWN_BOT_MESSAGE = "own_bot_message";

  /** A press of the Approve button under a bot message ({@code block_actions}). */
  public static final String BLOCK_ACTIONS = "block_actions";

  /** Every sample name. */
  public static final List<String> ALL =
      List.of(
          MESSAGE,
          THREAD_REPLY,
          APP_MENTION,
          DIRECT_MESSAGE,
          MESSAGE_CHANGED,
          CHANNEL_JOIN,
          BOT_MESSAGE,
          OWN_BOT_MESSAGE,
          BLOCK_ACTIONS);

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackSamples() {}

  /** The sample's bytes as recorded, e.g. {@code raw(SlackSamples.MESSAGE)}. */
  public static String raw(String name) {
    String path = "/slack/" + name + ".json";
    try (InputStream in = SlackSamples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded Slack payload " + path + "; see " + ALL);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample as a mutable JSON tree, for tests that vary one field. */
  public static ObjectNode tree(String name) {
    try {
      return (ObjectNode) JSON.readTree(raw(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
