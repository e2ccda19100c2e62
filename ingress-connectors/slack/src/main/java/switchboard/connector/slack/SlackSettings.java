package switchboard.connector.slack;

import java.time.Duration;

/**
 * One Slack instance's settings, read from {@link SlackConnectorConfig}; secrets are apart, in
 * {@link SlackCredentials}.
 *
 * @param mode how events arrive
 * @param socketConnections Socket Mode connections kept open at once
 * @param eventsHost address the Events API endpoint listens on
 * @param eventsPort port of the Events API endpoint, 0 for any free port
 * @param eventsPath path Slack POSTs events and interactions to
 * @param apiUrl Web API base URL, ending in '/'
 * @param apiTimeout timeout of one Web API call
 * @param threading where replies go
 * @param rendering how replies look
 * @param pacing shortest gap between two messages in one channel
 */
record SlackSettings(
    Mode mode,
    int socketConnections,
    String eventsHost,
    int eventsPort,
    String eventsPath,
    String apiUrl,
    Duration apiTimeout,
    SlackThreading threading,
    SlackRendering rendering,
    Duration pacing) {

  /** How events arrive, named as in config. */
  enum Mode {
    SOCKET,
    EVENTS
  }
}
