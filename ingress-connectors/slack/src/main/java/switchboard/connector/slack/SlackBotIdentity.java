package switchboard.connector.slack;

/**
 * Who the bot is, from {@code auth.test} with the bot token (chat-providers.md §1.4).
 *
 * @param userId the bot user's id; {@code <@userId>} in text is a mention of the bot
 * @param botId the bot id its own messages carry as {@code bot_id}
 * @param teamId the workspace the token belongs to
 */
record SlackBotIdentity(String userId, String botId, String teamId) {}
