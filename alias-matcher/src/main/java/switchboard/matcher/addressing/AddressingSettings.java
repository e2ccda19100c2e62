package switchboard.matcher.addressing;

import java.util.List;

/**
 * How users address the bot in a shared conversation.
 *
 * @param prefix the command prefix; null means {@link #DEFAULT_PREFIX}, "" turns prefixed commands
 *     off
 * @param botMentions the bot's mention tokens as the chat provider writes them, for example {@code
 *     <@U123>} (Slack) or {@code @switchboard}; never null, may be empty
 */
public record AddressingSettings(String prefix, List<String> botMentions) {

  /** The prefix hubot and err-stackstorm users know best. */
  public static final String DEFAULT_PREFIX = "!";

  public AddressingSettings {
    prefix = prefix == null ? DEFAULT_PREFIX : prefix;
    botMentions = botMentions == null ? List.of() : List.copyOf(botMentions);
  }
}
