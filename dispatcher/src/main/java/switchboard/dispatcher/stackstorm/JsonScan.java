package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads single values out of JSON text with Jackson's streaming parser, skipping everything else:
 * no tree is built, and no string is made but the ones asked for. Pure.
 */
final class JsonScan {

  private static final JsonFactory FACTORY = St2Http.JSON.getFactory();

  private JsonScan() {}

  static JsonParser parser(String json) throws IOException {
    return FACTORY.createParser(json);
  }

  /**
   * The string at {@code path} (field names from the top-level object down); empty when it is
   * absent or not a string, or when the text is not a JSON object.
   */
  static Optional<String> string(String json, List<String> path) {
    try (JsonParser parser = parser(json)) {
      parser.nextToken();
      return Optional.ofNullable(stringIn(parser, path));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads the value the parser is at to its end and returns the string at {@code path} inside it,
   * or null. With duplicate keys the first one counts (a tree would keep the last; st2 sends none).
   */
  static String stringIn(JsonParser parser, List<String> path) throws IOException {
    return stringIn(parser, path, 0);
  }

  private static String stringIn(JsonParser parser, List<String> path, int depth)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    boolean last = depth == path.size() - 1;
    String found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean wanted = found == null && parser.currentName().equals(path.get(depth));
      parser.nextToken();
      if (wanted && !last) {
        found = stringIn(parser, path, depth + 1);
      } else {
        if (wanted && parser.currentToken() == JsonToken.VALUE_STRING) {
          found = parser.getText();
        }
        parser.skipChildren();
      }
    }
    return found;
  }

  /**
   * The scalar the parser is at as text (a number or a boolean as written); null for JSON null, an
   * object or an array, which is skipped.
   */
  static String scalar(JsonParser parser) throws IOException {
    String text = parser.getValueAsString();
    parser.skipChildren();
    return text;
  }
}
