package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What following an execution to its result takes: the Switchboard request it was started for, and
 * its id, status and link.
 *
 * <p>{@link #scan} reads these off an {@code st2.execution__*} event's text with a streaming parser
 * and builds no JSON tree: every update of every execution on the StackStorm instance comes by,
 * most are not this dispatcher's, and of those that are, nothing else is needed.
 *
 * @param requestId never null
 * @param executionId {@code id}; empty when StackStorm sent none
 * @param status st2's status; null when StackStorm sent none
 * @param webUrl {@code web_url}; null when StackStorm sent none
 */
public record ExecutionStatus(String requestId, String executionId, String status, String webUrl) {

  private static final String LIVEACTION = Execution.REQUEST_ID_PATH.get(0);
  private static final List<String> REQUEST_ID_IN_LIVEACTION =
      Execution.REQUEST_ID_PATH.subList(1, Execution.REQUEST_ID_PATH.size());

  public ExecutionStatus {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(executionId, "executionId");
  }

  /**
   * Reads an execution event's data (the API's execution JSON, contract §6) as far as needed: it
   * stops once it has all four fields, or once {@code liveaction} shows no request id.
   *
   * @return empty for an execution Switchboard did not start, or data that is not a JSON object
   */
  public static Optional<ExecutionStatus> scan(String json) {
    try (JsonParser parser = JsonScan.parser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      String requestId = null;
      String id = null;
      String status = null;
      String webUrl = null;
      while ((requestId == null || id == null || status == null || webUrl == null)
          && parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("id")) {
          id = JsonScan.scalar(parser);
        } else if (field.equals("status")) {
          status = JsonScan.scalar(parser);
        } else if (field.equals("web_url")) {
          webUrl = JsonScan.scalar(parser);
        } else if (field.equals(LIVEACTION)) {
          requestId = JsonScan.stringIn(parser, REQUEST_ID_IN_LIVEACTION);
          if (requestId == null) {
            return Optional.empty();
          }
        } else {
          parser.skipChildren();
        }
      }
      return requestId == null
          ? Optional.empty()
          : Optional.of(new ExecutionStatus(requestId, id == null ? "" : id, status, webUrl));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether the execution has ended; StackStorm notifies only then (contract §5). */
  public boolean isTerminal() {
    return Execution.isTerminal(status);
  }

  /** Whether it ended in st2's failed family: failed, timeout or abandoned. */
  public boolean hasFailed() {
    return Execution.hasFailed(status);
  }
}
