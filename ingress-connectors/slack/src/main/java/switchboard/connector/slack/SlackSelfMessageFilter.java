package switchboard.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises the bot's own messages read back from a channel, so a reply is never taken for a
 * command (the self-echo loop of chat-providers.md §0). A message is the bot's own when its {@code
 * user} is the bot user or its {@code bot_id} is the bot's, as in the SDK's {@code
 * IgnoringSelfEvents}. Pure.
 */
final class SlackSelfMessageFilter {

  private final SlackBotIdentity bot;

  SlackSelfMessageFilter(SlackBotIdentity bot) {
    this.bot = bot;
  }

  /** True when the event (a message or app_mention) was written by this bot. */
  boolean isOwn(JsonNode event) {
    return bot.userId().equals(event.path("user").asText(null))
        || bot.botId().equals(event.path("bot_id").asText(null));
  }
}
