package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The body of {@code POST /api/v1/aliasexecution} (contract §4.1), hubot's path: the caller has
 * chosen the alias and the format.
 *
 * @param aliasName the alias's {@code name} (not its ref: st2 looks aliases up by name)
 * @param format the representation that matched, exactly as the alias has it
 * @param command the user's text without any bot prefix
 * @param user the chat user; informational only ({@code context.api_user}, contract §4.3); null
 *     leaves it out
 * @param sourceChannel where the command came from; never null
 * @param notificationRoute the route StackStorm announces the result on; dot-free (contract §6);
 *     null for none
 * @param requestId Switchboard's request id; sent as {@code source_context.request_id} so that
 *     {@link Execution#requestId()} finds it again; null for none
 * @param sourceContext further {@code source_context} keys (the chat message envelope, a thread
 *     id); null for none
 */
public record AliasExecutionRequest(
    String aliasName,
    String format,
    String command,
    String user,
    String sourceChannel,
    String notificationRoute,
    String requestId,
    JsonNode sourceContext) {

  /** The {@code source_context} key that carries the request id. */
  public static final String REQUEST_ID = "request_id";

  public AliasExecutionRequest {
    Objects.requireNonNull(aliasName, "aliasName");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(sourceChannel, "sourceChannel");
    if (sourceContext != null && !sourceContext.isObject()) {
      throw new IllegalArgumentException("sourceContext must be a JSON object: " + sourceContext);
    }
    sourceContext = sourceContext == null ? null : sourceContext.deepCopy();
  }

  /** The JSON body; only {@code AliasExecutionAPI}'s keys, which st2 checks strictly. */
  JsonNode toJson() {
    ObjectNode body = St2Http.JSON.createObjectNode();
    body.put("name", aliasName);
    body.put("format", format);
    body.put("command", command);
    if (user != null) {
      body.put("user", user);
    }
    body.put("source_channel", sourceChannel);
    if (notificationRoute != null) {
      body.put("notification_route", notificationRoute);
    }
    if (sourceContext != null || requestId != null) {
      ObjectNode context =
          sourceContext == null ? St2Http.JSON.createObjectNode() : sourceContext.deepCopy();
      if (requestId != null) {
        context.put(REQUEST_ID, requestId);
      }
      body.set("source_context", context);
    }
    return body;
  }
}
