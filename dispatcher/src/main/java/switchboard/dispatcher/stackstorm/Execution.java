package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A StackStorm execution as the API returns it (openapi {@code Execution}, contract §5), with the
 * fields the dispatcher reads pulled out and the rest kept in {@link #raw()}.
 *
 * <p>The JSON is held as parsed, not copied: the dispatcher only reads it, and nothing may write to
 * it (the nodes are shared with the tree given to {@link #from}).
 *
 * @param id never null
 * @param actionRef {@code action.ref}
 * @param status one of st2's statuses ({@code requested}, ..., {@code succeeded}); see {@link
 *     #isTerminal()}
 * @param webUrl {@code web_url}; null when StackStorm sent none
 * @param context {@code context}: {@code user}, {@code api_user}, {@code source_channel}, {@code
 *     action_alias_ref} for alias executions; never null (an empty object at worst)
 * @param result {@code result}; JSON null when there is none yet
 * @param raw the whole answer
 */
public record Execution(
    String id,
    String actionRef,
    String status,
    String webUrl,
    JsonNode context,
    JsonNode result,
    JsonNode raw) {

  /** st2's {@code LIVEACTION_COMPLETED_STATES} (contract §5). */
  private static final Set<String> TERMINAL =
      Set.of("succeeded", "failed", "timeout", "canceled", "abandoned");

  private static final Set<String> FAILED = Set.of("failed", "timeout", "abandoned");

  /**
   * Where an execution keeps the Switchboard request id: in the notify data the alias execution
   * stored, {@code liveaction.notify["on-complete"].data.source_context.request_id}.
   */
  static final List<String> REQUEST_ID_PATH =
      List.of(
          "liveaction",
          "notify",
          "on-complete",
          "data",
          "source_context",
          AliasExecutionRequest.REQUEST_ID);

  /** Reads the API's JSON, or an {@code st2.execution__*} event's data (the same shape, §6). */
  public static Execution from(JsonNode json) {
    return new Execution(
        json.path("id").asText(),
        json.path("action").path("ref").asText(null),
        json.path("status").asText(null),
        json.path("web_url").asText(null),
        json.path("context").isObject() ? json.get("context") : St2Http.JSON.createObjectNode(),
        json.path("result").isMissingNode() ? St2Http.JSON.nullNode() : json.get("result"),
        json);
  }

  /** Whether the execution has ended; StackStorm notifies only then (contract §5). */
  public boolean isTerminal() {
    return isTerminal(status);
  }

  /** Whether it ended in st2's failed family: failed, timeout or abandoned. */
  public boolean hasFailed() {
    return hasFailed(status);
  }

  static boolean isTerminal(String status) {
    return status != null && TERMINAL.contains(status);
  }

  static boolean hasFailed(String status) {
    return status != null && FAILED.contains(status);
  }

  /**
   * The Switchboard request id this execution was started for ({@link #REQUEST_ID_PATH}); empty for
   * executions Switchboard did not start. st2 keeps {@code source_context} there, not in {@code
   * context} (contract §4.3, §4.4), which is why reconciliation looks here.
   */
  public Optional<String> requestId() {
    JsonNode value = raw;
    for (String field : REQUEST_ID_PATH) {
      value = value.path(field);
    }
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** The notify route of the execution ({@code on-complete.routes[0]}), if any. */
  public Optional<String> notificationRoute() {
    JsonNode route =
        raw.path("liveaction").path("notify").path("on-complete").path("routes").path(0);
    return route.isTextual() ? Optional.of(route.asText()) : Optional.empty();
  }

  /** Only the id and status: the raw JSON can be large. */
  @Override
  public String toString() {
    return "Execution[id=" + id + ", action=" + actionRef + ", status=" + status + "]";
  }
}
