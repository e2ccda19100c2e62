package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Turns text/event-stream lines into events (WHATWG HTML "server-sent events" parsing, as
 * StackStorm writes them, contract §6): {@code event:} and {@code data:} fields end with a blank
 * line; a blank line with no fields before it is st2's heartbeat and yields nothing; {@code id:},
 * {@code retry:} and {@code :comment} lines are ignored. Not thread-safe: one per connection.
 */
final class SseFrames {

  private String event;
  private StringBuilder data;

  /** Feeds one line (without its line break); returns the event it completes, if any. */
  Optional<StreamEvent> accept(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith(":")) {
      return Optional.empty();
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (field.equals("event")) {
      event = value;
    } else if (field.equals("data")) {
      data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
    }
    return Optional.empty();
  }

  private Optional<StreamEvent> dispatch() {
    if (data == null || data.length() == 0) {
      event = null;
      data = null;
      return Optional.empty();
    }
    String name = event == null || event.isEmpty() ? "message" : event;
    String text = data.toString();
    event = null;
    data = null;
    return Optional.of(new StreamEvent(name, parse(text)));
  }

  private static JsonNode parse(String text) {
    try {
      return St2Http.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return St2Http.JSON.getNodeFactory().textNode(text);
    }
  }
}
