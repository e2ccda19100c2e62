package switchboard.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import switchboard.connector.InboundMessage;

/**
 * Maps a Slack payload, an Events API {@code event_callback} body or a {@code block_actions}
 * interaction (the same JSON whether it came over HTTP or inside a Socket Mode envelope), to an
 * {@link InboundMessage}. Pure and thread-safe.
 *
 * <p>Decisions, with their sources in chat-providers.md §1:
 *
 * <ul>
 *   <li><b>Workspace</b> is the envelope's {@code team_id}; for an org-wide app on Enterprise Grid
 *       ({@code authorizations[].is_enterprise_install}) it is the {@code enterprise_id}. An
 *       org-wide install sees one channel from several workspaces of the org, and the team id
 *       varies with where the event happened, while the enterprise id is constant (§1.4), so only
 *       it keeps the conversation key of a channel stable. The sender's own team ({@code
 *       user_team}, Slack Connect) is never the workspace; it is kept as an attribute.
 *   <li><b>Event id</b> is {@code <workspace>/<channel>/<ts>}: a message's ts is unique in its
 *       channel and identical in every delivery of it, whether Slack retries over HTTP ({@code
 *       X-Slack-Retry-Num}), redelivers over Socket Mode ({@code retry_attempt}) or reports it
 *       twice, as {@code message} and as {@code app_mention} (each with its own {@code event_id}).
 *       Keying on Slack's {@code event_id} would run a command written with a mention twice.
 *       Slack's event_id is kept as the attribute {@code slack.event_id}. A button press is keyed
 *       by its {@code trigger_id}, unique per press.
 *   <li><b>Sender</b> is the immutable {@code user} id; no display name comes with a message.
 *   <li><b>Ignored</b>: housekeeping subtypes (message_changed, message_deleted, channel_join,
 *       bot_message, ...; file_share and thread_broadcast are still user messages), hidden
 *       messages, anything with a {@code bot_id} and the bot's own messages ({@link
 *       SlackSelfMessageFilter}).
 *   <li><b>Thread</b> is {@code thread_ts}, or as {@link SlackThreading} decides for a top-level
 *       message; <b>direct</b> is {@code channel_type} im; <b>mentions</b> are the {@code
 *       <@BOTUSERID>} tokens in the text.
 * </ul>
 */
final class SlackEventMapper {

  /**
   * Prefix of the block_id of the actions blocks the renderer writes: {@code switchboard:<n>:<reply
   * id>}, so a button press names the reply that carried it.
   */
  static final String ACTIONS_BLOCK_PREFIX = "switchboard:";

  private static final Set<String> USER_SUBTYPES = Set.of("file_share", "thread_broadcast");
  private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");
  private static final Pattern ACTIONS_BLOCK_ID =
      Pattern.compile(Pattern.quote(ACTIONS_BLOCK_PREFIX) + "\\d+:(.+)", Pattern.DOTALL);

  private final SlackBotIdentity bot;
  private final SlackSelfMessageFilter self;
  private final SlackThreading threading;

  SlackEventMapper(SlackBotIdentity bot, SlackThreading threading) {
    this.bot = bot;
    this.self = new SlackSelfMessageFilter(bot);
    this.threading = threading;
  }

  /** The payload as a message for the pipeline, or why not. */
  SlackMapping map(JsonNode payload, Instant receivedAt) {
    if (payload == null || !payload.isObject()) {
      return new SlackMapping.Unreadable("a Slack payload is a JSON object");
    }
    String type = payload.path("type").asText("");
    return switch (type) {
      case "event_callback" -> event(payload, receivedAt);
      case "block_actions" -> blockActions(payload, receivedAt);
      case "" -> new SlackMapping.Unreadable("payload without a type");
      default -> new SlackMapping.Ignored("payload type " + type);
    };
  }

  private SlackMapping event(JsonNode envelope, Instant receivedAt) {
    JsonNode event = envelope.path("event");
    if (!event.isObject()) {
      return new SlackMapping.Unreadable("event_callback without an event");
    }
    String eventType = event.path("type").asText("");
    if (!eventType.equals("message") && !eventType.equals("app_mention")) {
      return new SlackMapping.Ignored("event type " + eventType);
    }
    String subtype = text(event, "subtype");
    if (subtype != null && !USER_SUBTYPES.contains(subtype)) {
      return new SlackMapping.Ignored("message subtype " + subtype);
    }
    if (event.path("hidden").asBoolean(false)) {
      return new SlackMapping.Ignored("hidden message");
    }
    if (self.isOwn(event)) {
      return new SlackMapping.Ignored("the bot's own message");
    }
    if (event.hasNonNull("bot_id")) {
      return new SlackMapping.Ignored("another bot's message");
    }
    String user = text(event, "user");
    String channel = text(event, "channel");
    String ts = text(event, "ts");
    if (user == null || channel == null || ts == null) {
      return new SlackMapping.Unreadable(eventType + " event without user, channel or ts");
    }
    String workspace = workspace(envelope);
    if (workspace == null) {
      return new SlackMapping.Unreadable("event_callback without team_id or enterprise_id");
    }
    String channelType = text(event, "channel_type");
    boolean direct = "im".equals(channelType);
    String messageText = event.path("text").asText("");

    Map<String, String> attributes = new LinkedHashMap<>();
    putIfPresent(attributes, "slack.event_id", text(envelope, "event_id"));
    attributes.put("slack.event_type", eventType);
    putIfPresent(attributes, "slack.channel_type", channelType);
    putIfPresent(attributes, "slack.enterprise_id", enterpriseId(envelope));
    String userTeam = text(event, "user_team");
    if (userTeam != null && !userTeam.equals(text(envelope, "team_id"))) {
      attributes.put("slack.user_team", userTeam);
    }
    return new SlackMapping.Mapped(
        new InboundMessage(
            workspace + "/" + channel + "/" + ts,
            workspace,
            channel,
            direct,
            threading.replyThread(channel, direct, ts, text(event, "thread_ts")),
            ts,
            user,
            null,
            messageText,
            botMentions(messageText),
            null,
            attributes,
            receivedAt));
  }

  private SlackMapping blockActions(JsonNode payload, Instant receivedAt) {
    JsonNode action = payload.path("actions").path(0);
    String user = text(payload.path("user"), "id");
    JsonNode container = payload.path("container");
    String channel = text(payload.path("channel"), "id");
    if (channel == null) {
      channel = text(container, "channel_id");
    }
    if (!action.isObject() || user == null || channel == null) {
      return new SlackMapping.Unreadable("block_actions without an action, user or channel");
    }
    boolean enterprise = payload.path("is_enterprise_install").asBoolean(false);
    String workspace =
        enterprise
            ? firstText(payload.path("enterprise"), "id", payload.path("team"), "enterprise_id")
            : text(payload.path("team"), "id");
    if (workspace == null) {
      return new SlackMapping.Unreadable("block_actions without team or enterprise");
    }
    // Interaction payloads carry no channel_type; Slack names a direct conversation so.
    boolean direct = "directmessage".equals(text(payload.path("channel"), "name"));
    String messageTs = text(container, "message_ts");
    String press = firstText(payload, "trigger_id", action, "action_ts");
    String actionValue =
        action.hasNonNull("value")
            ? action.get("value").asText()
            : text(action.path("selected_option"), "value");
    Matcher blockId = ACTIONS_BLOCK_ID.matcher(action.path("block_id").asText(""));
    InboundMessage.Interaction interaction =
        new InboundMessage.Interaction(
            action.path("action_id").asText(""),
            actionValue,
            blockId.matches() ? blockId.group(1) : null);
    return new SlackMapping.Mapped(
        new InboundMessage(
            workspace + "/" + channel + "/action:" + press,
            workspace,
            channel,
            direct,
            threading.replyThread(channel, direct, messageTs, text(container, "thread_ts")),
            messageTs,
            user,
            text(payload.path("user"), "username"),
            "",
            List.of(),
            interaction,
            Map.of("slack.payload_type", "block_actions"),
            receivedAt));
  }

  private static String workspace(JsonNode envelope) {
    return isEnterpriseInstall(envelope) ? enterpriseId(envelope) : text(envelope, "team_id");
  }

  private static boolean isEnterpriseInstall(JsonNode envelope) {
    for (JsonNode authorization : envelope.path("authorizations")) {
      if (authorization.path("is_enterprise_install").asBoolean(false)) {
        return true;
      }
    }
    return envelope.path("is_enterprise_install").asBoolean(false);
  }

  private static String enterpriseId(JsonNode envelope) {
    String id = text(envelope, "enterprise_id");
    if (id != null) {
      return id;
    }
    for (JsonNode authorization : envelope.path("authorizations")) {
      id = text(authorization, "enterprise_id");
      if (id != null) {
        return id;
      }
    }
    return text(envelope, "context_enterprise_id");
  }

  /** The distinct tokens in the text that mention the bot, as written. */
  private List<String> botMentions(String text) {
    List<String> mentions = new ArrayList<>();
    Matcher matcher = MENTION.matcher(text);
    while (matcher.find()) {
      if (matcher.group(1).equals(bot.userId()) && !mentions.contains(matcher.group())) {
        mentions.add(matcher.group());
      }
    }
    return mentions;
  }

  private static String firstText(JsonNode a, String aField, JsonNode b, String bField) {
    String first = text(a, aField);
    return first != null ? first : text(b, bField);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
