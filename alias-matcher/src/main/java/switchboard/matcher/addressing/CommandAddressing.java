package switchboard.matcher.addressing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a chat message is a command for the bot, and which text is the command. Pure and
 * thread-safe.
 *
 * <p>A message is addressed to the bot when it starts with the prefix, when it starts with a
 * mention of the bot (optionally followed by {@code :} or {@code ,}, as hubot's respond pattern
 * allows), or when it was sent in a direct conversation. Before that, the text is normalised as
 * hubot-stackstorm's Slack adapters do (contract §8.2): curly double and single quotes become
 * straight ones, so that quoted parameters still parse, and U+00A0 becomes a space.
 */
public final class CommandAddressing {

  private final String prefix;
  private final List<String> mentions;

  public CommandAddressing(AddressingSettings settings) {
    this.prefix = settings.prefix();
    // Longest first, so that "@switchboard-dev" is not read as "@switchboard" plus "-dev".
    this.mentions =
        settings.botMentions().stream()
            .filter(m -> !m.isEmpty())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /**
   * The command in {@code message}, trimmed; empty when the message is not addressed to the bot or
   * holds nothing after the address.
   *
   * @param message the message text; null reads as ""
   * @param directConversation whether the message was sent to the bot alone
   */
  public Optional<String> command(String message, boolean directConversation) {
    String text = normalised(message == null ? "" : message).strip();
    String command = null;
    if (!prefix.isEmpty() && text.startsWith(prefix)) {
      command = text.substring(prefix.length());
    } else {
      String afterMention = afterMention(text);
      if (afterMention != null) {
        command = afterMention;
      } else if (directConversation) {
        command = text;
      }
    }
    return Optional.ofNullable(command).map(String::strip).filter(c -> !c.isEmpty());
  }

  /** hubot-stackstorm {@code adapters/slack-like.js} and {@code slack.js::normalizeCommand}. */
  static String normalised(String text) {
    return text.replace('\u201c', '"')
        .replace('\u201d', '"')
        .replace('\u2018', '\'')
        .replace('\u2019', '\'')
        .replace('\u00a0', ' ');
  }

  /**
   * The text after a leading mention and an optional ':' or ','; null when there is none. Like
   * hubot's respond pattern the mention is case-insensitive; unlike it, the mention must end at a
   * word boundary, so "@switchboardx" is not a mention of "@switchboard".
   */
  private String afterMention(String text) {
    for (String mention : mentions) {
      if (text.regionMatches(true, 0, mention, 0, mention.length())) {
        String rest = text.substring(mention.length());
        if (rest.startsWith(":") || rest.startsWith(",")) {
          return rest.substring(1);
        }
        if (rest.isEmpty() || Character.isWhitespace(rest.codePointAt(0))) {
          return rest;
        }
      }
    }
    return null;
  }
}
