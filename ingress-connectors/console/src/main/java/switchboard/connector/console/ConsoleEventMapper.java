package switchboard.connector.console;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import switchboard.connector.InboundMessage;

/**
 * Reads what a console client posts and maps it to the SPI's {@link InboundMessage}: the console's
 * event mapper and self-message filter (style.md §5). Pure: no I/O, no clock, no randomness.
 */
final class ConsoleEventMapper {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ACTION_CHARS = 256;

  private final String botName;
  private final Pattern mention;

  ConsoleEventMapper(String botName) {
    this.botName = botName;
    // "@switchboard" as a word of its own: not inside "me@switchboard", not "@switchboarder".
    this.mention =
        Pattern.compile(
            "(?<![A-Za-z0-9._@-])@" + Pattern.quote(botName) + "(?![A-Za-z0-9_-])",
            Pattern.CASE_INSENSITIVE);
  }

  /** Body of {@code POST /api/messages}. */
  record MessageBody(
      String user, String channel, String text, String clientMessageId, boolean bot) {}

  /** Body of {@code POST /api/interactions}. */
  record InteractionBody(
      String user,
      String channel,
      String actionId,
      String value,
      String replyId,
      String clientMessageId) {}

  /**
   * A readable post.
   *
   * @param bot true when the client marked the author as another bot
   * @param interaction the button pressed, or null for a message
   */
  record ConsolePost(
      String user,
      String channel,
      String text,
      String clientMessageId,
      boolean bot,
      InboundMessage.Interaction interaction) {}

  /** What a request body turned out to be. */
  sealed interface Read permits Readable, Unreadable {}

  record Readable(ConsolePost post) implements Read {}

  /**
   * Not a post the console can map; {@code reason} says why, for the client and the dead letter.
   */
  record Unreadable(String reason) implements Read {}

  Read readMessage(byte[] body) {
    MessageBody message;
    try {
      message = parse(body, MessageBody.class);
    } catch (IOException e) {
      return new Unreadable("not a message: " + reasonOf(e));
    }
    List<String> problems = new ArrayList<>();
    checkUserAndChannel(message.user(), message.channel(), message.clientMessageId(), problems);
    if (message.text() == null || message.text().isBlank()) {
      problems.add("text is required");
    } else if (message.text().length() > ConsoleSettings.MAX_MESSAGE_CHARS) {
      problems.add("text is longer than " + ConsoleSettings.MAX_MESSAGE_CHARS + " characters");
    }
    return problems.isEmpty()
        ? new Readable(
            new ConsolePost(
                message.user(),
                message.channel(),
                message.text(),
                message.clientMessageId(),
                message.bot(),
                null))
        : new Unreadable(String.join("; ", problems));
  }

  Read readInteraction(byte[] body) {
    InteractionBody press;
    try {
      press = parse(body, InteractionBody.class);
    } catch (IOException e) {
      return new Unreadable("not an interaction: " + reasonOf(e));
    }
    List<String> problems = new ArrayList<>();
    checkUserAndChannel(press.user(), press.channel(), press.clientMessageId(), problems);
    if (press.actionId() == null || press.actionId().isBlank()) {
      problems.add("actionId is required");
    } else if (press.actionId().length() > MAX_ACTION_CHARS) {
      problems.add("actionId is longer than " + MAX_ACTION_CHARS + " characters");
    }
    return problems.isEmpty()
        ? new Readable(
            new ConsolePost(
                press.user(),
                press.channel(),
                "",
                press.clientMessageId(),
                false,
                new InboundMessage.Interaction(press.actionId(), press.value(), press.replyId())))
        : new Unreadable(String.join("; ", problems));
  }

  private static <T> T parse(byte[] body, Class<T> type) throws IOException {
    T value = JSON.readValue(body, type);
    if (value == null) {
      throw new IOException("the body is empty or null");
    }
    return value;
  }

  private static String reasonOf(IOException e) {
    return e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
  }

  private static void checkUserAndChannel(
      String user, String channel, String clientMessageId, List<String> problems) {
    if (user == null || !ConsoleNames.USER.matcher(user).matches()) {
      problems.add("user must be 1-64 letters, digits, '.', '_' or '-', was " + quoted(user));
    }
    if (channel == null || !ConsoleNames.CHANNEL.matcher(channel).matches()) {
      problems.add("channel must look like #ops or @me, was " + quoted(channel));
    }
    if (clientMessageId != null
        && !ConsoleNames.CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
      problems.add(
          "clientMessageId must be 1-128 letters, digits, '.', '_', ':' or '-', was "
              + quoted(clientMessageId));
    }
  }

  private static String quoted(String value) {
    return value == null ? "missing" : "'" + value + "'";
  }

  /**
   * Why the post stays on the page but does not go to Switchboard, if it does not: posts marked as
   * another bot's, and posts under the bot's own name, so a bot never answers a bot (the console's
   * IgnoringSelfEvents).
   */
  Optional<String> notForwarded(ConsolePost post) {
    if (post.bot()) {
      return Optional.of("messages from bots are not forwarded");
    }
    if (post.user().equalsIgnoreCase(botName)) {
      return Optional.of("messages under the bot's own name (" + botName + ") are not forwarded");
    }
    return Optional.empty();
  }

  /**
   * The event id: stable when the client names its message, so a retried POST is the same event;
   * otherwise the fresh id the caller generated. The channel and user scope the client's id, so two
   * scripts counting from 1 never share an event id.
   */
  static String eventId(ConsolePost post, UUID generated) {
    return post.clientMessageId() == null
        ? generated.toString()
        : post.channel() + "/" + post.user() + "/" + post.clientMessageId();
  }

  /** The history entry of a post, before it has a position. */
  static ConsoleMessage toHistory(ConsolePost post, String eventId, Instant at) {
    InboundMessage.Interaction pressed = post.interaction();
    return new ConsoleMessage(
        0,
        ConsoleMessage.FROM_USER,
        post.user(),
        post.bot(),
        post.text(),
        null,
        List.of(),
        List.of(),
        List.of(),
        pressed == null ? "message" : "interaction",
        null,
        null,
        null,
        false,
        pressed == null
            ? null
            : new ConsoleMessage.Interaction(
                pressed.actionId(), pressed.value(), pressed.replyId()),
        eventId,
        null,
        at.toString(),
        null,
        "event:" + eventId);
  }

  /**
   * The SPI message of a post that was appended at history position {@code seq}.
   *
   * @param receivedAt when the console received it
   */
  InboundMessage toInbound(ConsolePost post, String eventId, long seq, Instant receivedAt) {
    return new InboundMessage(
        eventId,
        ConsoleSettings.WORKSPACE,
        post.channel(),
        post.channel().startsWith("@"),
        null,
        Long.toString(seq),
        ConsoleNames.senderId(post.user()),
        post.user(),
        post.text(),
        botMentions(post.text()),
        post.interaction(),
        Map.of(),
        receivedAt);
  }

  /** The tokens of {@code text} that address the bot, as written, each once. */
  List<String> botMentions(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = mention.matcher(text);
    while (matcher.find()) {
      if (!tokens.contains(matcher.group())) {
        tokens.add(matcher.group());
      }
    }
    return tokens;
  }
}
