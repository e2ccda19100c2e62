package switchboard.connector.slack;

/**
 * One instance's secrets. {@link #toString()} hides them, so they never reach a log line.
 *
 * @param botToken the bot token ({@code xoxb-}) for the Web API
 * @param appToken the app-level token ({@code xapp-}) for Socket Mode, or null
 * @param signingSecret the signing secret for Events API requests, or null
 */
record SlackCredentials(String botToken, String appToken, String signingSecret) {

  @Override
  public String toString() {
    return "SlackCredentials[botToken=[hidden], appToken=[hidden], signingSecret=[hidden]]";
  }
}
