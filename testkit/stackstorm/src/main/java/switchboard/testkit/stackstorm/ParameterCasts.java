package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * st2's {@code cast_params} with the alias API's {@code array} override (contract §4.4 step 3):
 * parsed string values become the action's parameter types. Pure.
 */
final class ParameterCasts {

  private ParameterCasts() {}

  /**
   * Casts {@code parameters} in place by {@code types}.
   *
   * @throws ApiError 400 {@code Failed to cast value ...}, st2's text including its "Perhaphs"
   */
  static void cast(ObjectNode parameters, Map<String, String> types) {
    for (String name : parameters.properties().stream().map(Map.Entry::getKey).toList()) {
      String type = types.get(name);
      if (type != null) {
        parameters.set(name, castOne(name, type, parameters.get(name)));
      }
    }
  }

  private static JsonNode castOne(String name, String type, JsonNode value) {
    try {
      return castValue(type, value);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "Failed to cast value \""
              + St2Values.pythonStr(value)
              + "\" (type: "
              + pythonType(value)
              + ") for parameter \""
              + name
              + "\" of type \""
              + type
              + "\": "
              + e.getMessage()
              + ". Perhaphs the value is of an invalid type?");
    }
  }

  private static JsonNode castValue(String type, JsonNode value) {
    switch (type) {
      case "array":
        // aliasexecution.py::cast_array: lists stay, strings split on commas and strip.
        if (value.isArray()) {
          return value;
        }
        if (!value.isTextual()) {
          throw new IllegalArgumentException(
              "'" + pythonType(value) + "' object has no attribute 'split'");
        }
        ArrayNode items = St2Values.NODES.arrayNode();
        for (String item : value.textValue().split(",", -1)) {
          items.add(item.strip());
        }
        return items;
      case "object":
        if (!value.isTextual()) {
          return value;
        }
        try {
          return St2Values.JSON.readTree(value.textValue());
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("malformed node or string");
        }
      case "boolean":
        if (!value.isTextual()) {
          return value;
        }
        String capitalised = capitalise(value.textValue());
        if (capitalised.equals("True") || capitalised.equals("False")) {
          return St2Values.NODES.booleanNode(capitalised.equals("True"));
        }
        throw new IllegalArgumentException("malformed node or string");
      case "integer":
        if (!value.isTextual()) {
          return value;
        }
        try {
          return St2Values.NODES.numberNode(Long.parseLong(value.textValue().strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "invalid literal for int() with base 10: " + St2Values.pythonRepr(value));
        }
      case "number":
        if (!value.isTextual()) {
          return value;
        }
        try {
          return St2Values.NODES.numberNode(Double.parseDouble(value.textValue().strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "invalid literal for int() with base 10: " + St2Values.pythonRepr(value));
        }
      default:
        return value;
    }
  }

  /** Python's {@code str.capitalize}: first character upper case, the rest lower case. */
  private static String capitalise(String text) {
    return text.isEmpty()
        ? text
        : text.substring(0, 1).toUpperCase() + text.substring(1).toLowerCase();
  }

  private static String pythonType(JsonNode value) {
    if (value.isNull()) {
      return "NoneType";
    }
    if (value.isTextual()) {
      return "str";
    }
    if (value.isArray()) {
      return "list";
    }
    if (value.isObject()) {
      return "dict";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    return value.isIntegralNumber() ? "int" : "float";
  }
}
