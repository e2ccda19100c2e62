package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * StackStorm's 201 answer to an alias execution (contract §4.1). Its JSON is held as parsed, not
 * copied, and only read, as in {@link Execution}.
 *
 * @param execution the execution just created (usually {@code requested})
 * @param actionAlias the alias as StackStorm has it
 * @param message the rendered {@code ack.format}; null when the alias has none. May be st2's {@code
 *     Cannot render "format" in field "ack" ...} text: the execution still happened
 * @param extra the rendered {@code ack.extra}; null when the alias has none
 */
public record AliasExecutionResponse(
    Execution execution, JsonNode actionAlias, String message, JsonNode extra) {

  static AliasExecutionResponse from(JsonNode json) {
    return new AliasExecutionResponse(
        Execution.from(json.path("execution")),
        json.path("actionalias"),
        json.path("message").isTextual() ? json.get("message").asText() : null,
        json.has("extra") ? json.get("extra") : null);
  }

  public String executionId() {
    return execution.id();
  }

  public String status() {
    return execution.status();
  }

  public Optional<String> webUrl() {
    return Optional.ofNullable(execution.webUrl());
  }

  /**
   * Whether the alias wants an acknowledgement at all: hubot sends none when {@code ack.enabled} is
   * false (contract §8.4).
   */
  public boolean ackEnabled() {
    return actionAlias.path("ack").path("enabled").asBoolean(true);
  }

  /** hubot appends the execution URL unless {@code ack.append_url} is false (contract §8.4). */
  public boolean ackAppendsUrl() {
    return actionAlias.path("ack").path("append_url").asBoolean(true);
  }
}
