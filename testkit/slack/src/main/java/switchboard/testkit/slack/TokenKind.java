package switchboard.testkit.slack;

/** Which of the local Slack's credentials a Web API call presented. */
public enum TokenKind {
  /** The bot token ({@code xoxb-}), what chat.* and files.* accept. */
  BOT,
  /** The app-level token ({@code xapp-}), what apps.connections.open accepts. */
  APP,
  /** A token of the right shape that this Slack never issued. */
  UNKNOWN,
  /** No token at all. */
  NONE
}
