package switchboard.matcher.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A YAML value that remembers where it was written, so validation can name the line. Jackson's tree
 * model forgets locations, so the tree is built from its streaming parser.
 *
 * @param value a {@code Map<String, YamlNode>} (in document order), a {@code List<YamlNode>}, a
 *     scalar's text, or null for a YAML null
 * @param scalarToken for scalars, the token type (string, number, boolean); null otherwise
 * @param line 1-based
 * @param column 1-based
 */
record YamlNode(Object value, JsonToken scalarToken, int line, int column) {

  private static final YAMLFactory YAML = new YAMLFactory();

  private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column (\\d+)");

  /**
   * Every document in {@code text}, in order; an empty text has none. A key given twice in one
   * mapping is recorded as a problem in {@code check}.
   *
   * @throws DocumentException when the text is not YAML
   */
  static List<YamlNode> readAll(String text, DocumentChecker check) throws DocumentException {
    List<YamlNode> documents = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text)) {
      while (parser.nextToken() != null) {
        documents.add(read(parser, check));
      }
    } catch (JsonProcessingException e) {
      throw new DocumentException(List.of(syntaxProblem(e)));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return documents;
  }

  /**
   * The YAML parser's message names two places (where the construct began and where it broke) on
   * several lines with an excerpt; keep the place where it broke, and the words.
   */
  private static DocumentException.Problem syntaxProblem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    Matcher mark = YAML_MARK.matcher(message);
    while (mark.find()) {
      line = Integer.parseInt(mark.group(1));
      column = Integer.parseInt(mark.group(2));
    }
    String words =
        message
            .lines()
            .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
            .collect(Collectors.joining(": "));
    return new DocumentException.Problem(line, column, "", words);
  }

  private static YamlNode read(JsonParser parser, DocumentChecker check) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> fields = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonLocation keyAt = parser.currentTokenLocation();
        parser.nextToken();
        YamlNode value = read(parser, check);
        if (fields.putIfAbsent(key, value) != null) {
          check.problem(keyAt.getLineNr(), keyAt.getColumnNr(), key, "is given twice");
        }
      }
      return new YamlNode(fields, null, at.getLineNr(), at.getColumnNr());
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser, check));
      }
      return new YamlNode(items, null, at.getLineNr(), at.getColumnNr());
    }
    String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
    return new YamlNode(text, token, at.getLineNr(), at.getColumnNr());
  }

  boolean isMap() {
    return value instanceof Map<?, ?>;
  }

  boolean isList() {
    return value instanceof List<?>;
  }

  boolean isScalar() {
    return value != null && scalarToken != null;
  }

  @SuppressWarnings("unchecked")
  Map<String, YamlNode> map() {
    return (Map<String, YamlNode>) value;
  }

  @SuppressWarnings("unchecked")
  List<YamlNode> list() {
    return (List<YamlNode>) value;
  }

  String text() {
    return (String) value;
  }

  /** How the value reads in an error message. */
  String describe() {
    if (isMap()) {
      return "a mapping";
    }
    if (isList()) {
      return "a list";
    }
    return value == null ? "nothing" : "'" + value + "'";
  }
}
