package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One event from StackStorm's stream (contract §6): its name, such as {@code st2.execution__update}
 * or {@code st2.announcement__switchboard}, and its {@code data} JSON.
 *
 * @param name never null
 * @param data the parsed {@code data:} lines; a text node when they are not JSON
 */
public record StreamEvent(String name, JsonNode data) {

  private static final String ANNOUNCEMENT = "st2.announcement__";

  public StreamEvent {
    Objects.requireNonNull(name, "name");
    data = data.deepCopy();
  }

  /** The route of an {@code st2.announcement__<route>} event. */
  public Optional<String> announcementRoute() {
    return name.startsWith(ANNOUNCEMENT)
        ? Optional.of(name.substring(ANNOUNCEMENT.length()))
        : Optional.empty();
  }

  /**
   * An announcement's {@code payload} ({@code channel, message, user, whisper, extra, context},
   * contract §7); consumers read it the way hubot and err-stackstorm do.
   */
  public JsonNode announcementPayload() {
    return data.path("payload");
  }
}
