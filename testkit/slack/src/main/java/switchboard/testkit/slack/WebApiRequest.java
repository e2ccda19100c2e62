package switchboard.testkit.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One Web API request as Slack reads it: the token from {@code Authorization: Bearer} or, in a form
 * body only, from the {@code token} field; arguments from the query string, a form body or a JSON
 * body (https://api.slack.com/web#posting_json: JSON bodies must carry the token in the header).
 *
 * @param token the token presented, or null
 * @param tokenInHeader true when it came as a bearer header
 * @param contentType the Content-Type sent, or ""
 * @param params every argument except the token
 * @param invalidJson true when a JSON body could not be read (Slack: {@code invalid_json})
 */
record WebApiRequest(
    String token,
    boolean tokenInHeader,
    String contentType,
    ObjectNode params,
    boolean invalidJson) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static WebApiRequest read(HttpExchange exchange, byte[] body) {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    contentType = contentType == null ? "" : contentType;
    ObjectNode params = JSON.createObjectNode();
    formFields(exchange.getRequestURI().getRawQuery(), params);
    boolean invalidJson = false;
    String media = contentType.toLowerCase(Locale.ROOT);
    if (media.startsWith("application/json")) {
      try {
        JsonNode tree = JSON.readTree(body);
        if (tree != null && tree.isObject()) {
          params.setAll((ObjectNode) tree);
        } else {
          invalidJson = true;
        }
      } catch (IOException e) {
        invalidJson = true;
      }
    } else if (body.length > 0) {
      formFields(new String(body, StandardCharsets.UTF_8), params);
    }

    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token = null;
    boolean inHeader = false;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
      inHeader = true;
    } else if (!media.startsWith("application/json") && params.hasNonNull("token")) {
      token = params.get("token").asText();
    }
    params.remove("token");
    return new WebApiRequest(token, inHeader, contentType, params, invalidJson);
  }

  private static void formFields(String encoded, ObjectNode into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      into.put(name, value);
    }
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  /** A text argument, or null. */
  String text(String name) {
    JsonNode value = params.get(name);
    return value == null || value.isNull()
        ? null
        : value.isTextual() ? value.asText() : value.toString();
  }

  /**
   * A structured argument sent as JSON or as a JSON-encoded form string; null when absent.
   *
   * @throws JsonProcessingException when a string value is not JSON
   */
  JsonNode structured(String name) throws JsonProcessingException {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isTextual() ? JSON.readTree(value.asText()) : value;
  }
}
