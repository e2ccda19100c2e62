package switchboard.connector.slack;

/**
 * What the reply renderer needs from config.
 *
 * @param uploadThresholdChars output (text and code blocks) longer than this is uploaded as a file
 * @param successColor attachment colour of a success reply, Slack's good/warning/danger or #rrggbb
 * @param failureColor attachment colour of a failure reply
 */
record SlackRendering(int uploadThresholdChars, String successColor, String failureColor) {}
