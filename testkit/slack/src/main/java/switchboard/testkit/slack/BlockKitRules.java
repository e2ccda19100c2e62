package switchboard.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Block Kit limits Slack enforces on chat.postMessage, answered as {@code invalid_blocks} with
 * Slack's {@code response_metadata.messages} wording ({@code [ERROR] ... [json-pointer:/blocks/0/
 * text/text]}). Sources: https://api.slack.com/reference/block-kit/blocks (50 blocks per message,
 * section text 3,000, section fields 10 x 2,000, header 150, actions 25 elements, context 10
 * elements, block_id 255) and https://api.slack.com/reference/block-kit/block-elements#button (text
 * 75, action_id 255, value 2,000, style primary|danger).
 */
final class BlockKitRules {

  static final int MAX_BLOCKS = 50;

  private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");
  private static final Set<String> BLOCK_TYPES =
      Set.of(
          "section",
          "header",
          "actions",
          "context",
          "divider",
          "image",
          "rich_text",
          "input",
          "file",
          "video",
          "markdown");

  private BlockKitRules() {}

  /** Every violation in {@code blocks}, located by a JSON pointer under {@code pointer}. */
  static List<String> violations(JsonNode blocks, String pointer) {
    List<String> errors = new ArrayList<>();
    if (!blocks.isArray()) {
      errors.add(error("must be an array", pointer));
      return errors;
    }
    if (blocks.size() > MAX_BLOCKS) {
      errors.add(error("no more than " + MAX_BLOCKS + " items allowed", pointer));
    }
    for (int i = 0; i < blocks.size(); i++) {
      block(blocks.get(i), pointer + "/" + i, errors);
    }
    return errors;
  }

  private static void block(JsonNode block, String at, List<String> errors) {
    String type = block.path("type").asText("");
    if (!BLOCK_TYPES.contains(type)) {
      errors.add(error("unsupported type: " + type, at + "/type"));
      return;
    }
    maxLength(block.get("block_id"), 255, at + "/block_id", errors);
    switch (type) {
      case "section" -> section(block, at, errors);
      case "header" -> textObject(block.get("text"), 150, true, at + "/text", errors);
      case "actions" -> {
        JsonNode elements = block.path("elements");
        count(elements, 1, 25, at + "/elements", errors);
        for (int i = 0; i < elements.size(); i++) {
          element(elements.get(i), at + "/elements/" + i, errors);
        }
      }
      case "context" -> count(block.path("elements"), 1, 10, at + "/elements", errors);
      default -> {
        // divider, image, rich_text, ...: no limit the connector can reach
      }
    }
  }

  private static void section(JsonNode block, String at, List<String> errors) {
    JsonNode text = block.get("text");
    JsonNode fields = block.get("fields");
    if (text == null && fields == null) {
      errors.add(error("must provide either text or fields", at));
    }
    if (text != null) {
      textObject(text, 3000, false, at + "/text", errors);
    }
    if (fields != null) {
      count(fields, 1, 10, at + "/fields", errors);
      for (int i = 0; i < fields.size(); i++) {
        textObject(fields.get(i), 2000, false, at + "/fields/" + i, errors);
      }
    }
  }

  private static void element(JsonNode element, String at, List<String> errors) {
    if (!"button".equals(element.path("type").asText())) {
      return;
    }
    textObject(element.get("text"), 75, true, at + "/text", errors);
    maxLength(element.get("action_id"), 255, at + "/action_id", errors);
    maxLength(element.get("value"), 2000, at + "/value", errors);
    JsonNode style = element.get("style");
    if (style != null && !Set.of("primary", "danger").contains(style.asText())) {
      errors.add(error("must be one of primary, danger", at + "/style"));
    }
  }

  private static void textObject(
      JsonNode text, int max, boolean plainOnly, String at, List<String> errors) {
    if (text == null || !text.isObject()) {
      errors.add(error("must be a text object", at));
      return;
    }
    String type = text.path("type").asText("");
    if (plainOnly ? !"plain_text".equals(type) : !TEXT_TYPES.contains(type)) {
      errors.add(
          error("must be " + (plainOnly ? "plain_text" : "plain_text or mrkdwn"), at + "/type"));
    }
    String value = text.path("text").asText("");
    if (value.isEmpty()) {
      errors.add(error("must be more than 0 characters", at + "/text"));
    }
    maxLength(text.get("text"), max, at + "/text", errors);
  }

  private static void maxLength(JsonNode value, int max, String at, List<String> errors) {
    if (value != null && value.asText("").length() > max) {
      errors.add(error("must be less than " + (max + 1) + " characters", at));
    }
  }

  private static void count(JsonNode array, int min, int max, String at, List<String> errors) {
    if (!array.isArray() || array.size() < min) {
      errors.add(error("must provide at least " + min + " item", at));
    } else if (array.size() > max) {
      errors.add(error("no more than " + max + " items allowed", at));
    }
  }

  private static String error(String what, String pointer) {
    return "[ERROR] " + what + " [json-pointer:" + pointer + "]";
  }
}
