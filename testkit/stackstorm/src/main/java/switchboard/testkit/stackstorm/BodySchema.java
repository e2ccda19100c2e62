package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of st2's request validation the double needs: an object whose properties have JSON
 * types, some required, none other allowed ({@code additionalProperties: False} on the API models,
 * contract preamble). Errors carry Python jsonschema's messages, which st2 returns as the 400
 * {@code faultstring} ({@code st2common/router.py}). Immutable.
 */
final class BodySchema {

  private final Map<String, String> types;
  private final Set<String> required;

  private BodySchema(Map<String, String> types, Set<String> required) {
    this.types = types;
    this.required = required;
  }

  /** {@code AliasExecutionAPI} (contract §4.1). */
  static final BodySchema ALIAS_EXECUTION =
      new BodySchema(
          ordered(
              "name", "string",
              "format", "string",
              "command", "string",
              "user", "string",
              "source_channel", "string",
              "source_context", "object",
              "notification_channel", "string",
              "notification_route", "string"),
          Set.of("name", "format", "command", "source_channel"));

  /** {@code AliasMatchAndExecuteInputAPI} (contract §4.2): no {@code source_context}. */
  static final BodySchema MATCH_AND_EXECUTE =
      new BodySchema(
          ordered(
              "command", "string",
              "user", "string",
              "source_channel", "string",
              "notification_channel", "string",
              "notification_route", "string"),
          Set.of("command", "source_channel", "user"));

  /** {@code ActionAliasMatchAPI} (contract §3.2). */
  static final BodySchema ALIAS_MATCH =
      new BodySchema(ordered("command", "string"), Set.of("command"));

  /** {@code LiveActionCreateAPI} (contract §5). */
  static final BodySchema EXECUTION_REQUEST =
      new BodySchema(
          ordered(
              "id", "string",
              "status", "string",
              "start_timestamp", "string",
              "end_timestamp", "string",
              "action", "string",
              "action_is_workflow", "boolean",
              "parameters", "object",
              "result", "any",
              "context", "object",
              "callback", "object",
              "notify", "object",
              "delay", "integer",
              "user", "string"),
          Set.of("action"));

  /**
   * @throws ApiError 400 with jsonschema's message for the first violation
   */
  void validate(JsonNode body) {
    if (!body.isObject()) {
      throw ApiError.badRequest(St2Values.pythonRepr(body) + " is not of type 'object'");
    }
    for (Map.Entry<String, String> property : types.entrySet()) {
      JsonNode value = body.get(property.getKey());
      if (value == null) {
        if (required.contains(property.getKey())) {
          throw ApiError.badRequest("'" + property.getKey() + "' is a required property");
        }
      } else if (!hasType(value, property.getValue())) {
        throw ApiError.badRequest(
            St2Values.pythonRepr(value) + " is not of type '" + property.getValue() + "'");
      }
    }
    List<String> unexpected = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!types.containsKey(f)) {
                unexpected.add("'" + f + "'");
              }
            });
    if (!unexpected.isEmpty()) {
      throw ApiError.badRequest(
          "Additional properties are not allowed ("
              + String.join(", ", unexpected)
              + (unexpected.size() == 1 ? " was" : " were")
              + " unexpected)");
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    switch (type) {
      case "string":
        return value.isTextual();
      case "object":
        return value.isObject();
      case "boolean":
        return value.isBoolean();
      case "integer":
        return value.isIntegralNumber();
      default:
        return true;
    }
  }

  private static Map<String, String> ordered(String... namesAndTypes) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      map.put(namesAndTypes[i], namesAndTypes[i + 1]);
    }
    return map;
  }
}
