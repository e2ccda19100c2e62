package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * StackStorm's answer to {@code POST /api/v1/actionalias/match} (contract §3.2). Its JSON is held
 * as parsed, not copied, and only read, as in {@link Execution}.
 *
 * @param actionAlias the matching alias
 * @param display the format's help text; null for a representation-only format
 * @param representation the format that matched
 */
public record AliasMatch(JsonNode actionAlias, String display, String representation) {

  static AliasMatch from(JsonNode json) {
    return new AliasMatch(
        json.path("actionalias"),
        json.path("display").isTextual() ? json.get("display").asText() : null,
        json.path("representation").asText());
  }
}
