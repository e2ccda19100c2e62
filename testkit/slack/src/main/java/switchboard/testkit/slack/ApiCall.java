package switchboard.testkit.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Web API call the local Slack received, in arrival order.
 *
 * @param method the method name, e.g. {@code chat.postMessage}
 * @param tokenKind which credential the call presented
 * @param tokenInHeader true when the token came as {@code Authorization: Bearer}, false when it
 *     came as a {@code token} form field (or not at all)
 * @param contentType the request's Content-Type, or "" when none
 * @param params the arguments: form fields as text nodes, a JSON body as sent (never with the
 *     token)
 * @param status the HTTP status answered
 * @param error Slack's {@code error} code when the answer was {@code ok:false}, else null
 */
public record ApiCall(
    String method,
    TokenKind tokenKind,
    boolean tokenInHeader,
    String contentType,
    ObjectNode params,
    int status,
    String error) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** True when Slack answered {@code ok:true}. */
  public boolean ok() {
    return status == 200 && error == null;
  }

  /** A text argument, or null when absent. */
  public String param(String name) {
    JsonNode value = params.get(name);
    return value == null || value.isNull()
        ? null
        : value.isTextual() ? value.asText() : value.toString();
  }

  /**
   * A structured argument ({@code blocks}, {@code attachments}, {@code files}) whether it was sent
   * as JSON or, as Slack accepts in form bodies, as a JSON-encoded string; null when absent.
   */
  public JsonNode json(String name) {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      return value;
    }
    try {
      return JSON.readTree(value.asText());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(name + " is not JSON: " + value.asText(), e);
    }
  }
}
