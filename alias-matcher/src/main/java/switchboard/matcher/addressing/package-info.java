/** Whether a chat message is addressed to the bot, and the command it carries. Pure. */
package switchboard.matcher.addressing;
