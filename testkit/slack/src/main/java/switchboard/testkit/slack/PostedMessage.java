package switchboard.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message the local Slack accepted through chat.postMessage or chat.postEphemeral.
 *
 * @param channel the channel it went to
 * @param ts its timestamp id; for an ephemeral message the {@code message_ts} answered
 * @param threadTs the thread it was posted into, or null for the channel itself
 * @param ephemeralTo the user an ephemeral message is visible to, or null for a normal message
 * @param text the top-level {@code text}, or null
 * @param blocks the top-level {@code blocks} array, or null
 * @param attachments the {@code attachments} array, or null
 * @param args every argument of the call that posted it, as sent (form fields as text)
 */
public record PostedMessage(
    String channel,
    String ts,
    String threadTs,
    String ephemeralTo,
    String text,
    JsonNode blocks,
    JsonNode attachments,
    ObjectNode args) {

  /** True for a chat.postEphemeral message. */
  public boolean ephemeral() {
    return ephemeralTo != null;
  }
}
