package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event from StackStorm's stream (contract §6): its name, such as {@code st2.execution__update}
 * or {@code st2.announcement__switchboard}, and its {@code data} as sent.
 *
 * <p>The data stays text until a listener asks for more: most events are of no interest to a given
 * dispatcher, which tells from the name and then, without building a JSON tree, from the request id
 * ({@link ExecutionStatus#scan}, {@link #announcementRequestId()}).
 *
 * @param name never null
 * @param data the {@code data:} lines joined by line feeds; st2 sends one line of JSON
 */
public record StreamEvent(String name, String data) {

  private static final String ANNOUNCEMENT = "st2.announcement__";

  /** Where an announcement carries the alias execution's {@code source_context} (contract §7). */
  private static final List<String> ANNOUNCEMENT_REQUEST_ID =
      List.of("payload", "context", AliasExecutionRequest.REQUEST_ID);

  public StreamEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
  }

  /** The data as a JSON tree, parsed on every call; a text node when it is not JSON. */
  public JsonNode json() {
    try {
      return St2Http.JSON.readTree(data);
    } catch (JsonProcessingException e) {
      return St2Http.JSON.getNodeFactory().textNode(data);
    }
  }

  /** The route of an {@code st2.announcement__<route>} event. */
  public Optional<String> announcementRoute() {
    return name.startsWith(ANNOUNCEMENT)
        ? Optional.of(name.substring(ANNOUNCEMENT.length()))
        : Optional.empty();
  }

  /**
   * An announcement's {@code payload} ({@code channel, message, user, whisper, extra, context},
   * contract §7), parsed on every call; consumers read it the way hubot and err-stackstorm do.
   */
  public JsonNode announcementPayload() {
    return json().path("payload");
  }

  /**
   * The Switchboard request id of an announcement ({@code payload.context.request_id}: the alias
   * execution's {@code source_context}), read without parsing the rest; empty for an announcement
   * of an execution Switchboard did not start, or data that is not JSON.
   */
  public Optional<String> announcementRequestId() {
    return JsonScan.string(data, ANNOUNCEMENT_REQUEST_ID);
  }
}
