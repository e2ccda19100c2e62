package switchboard.matcher.document;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the problems of one document while reading it, and reads YAML values with their
 * locations: every reader records a problem and answers empty instead of throwing, so one pass
 * finds every problem.
 */
class DocumentChecker {

  private final List<DocumentException.Problem> problems = new ArrayList<>();

  /** Records a problem at {@code at}. */
  void problem(YamlNode at, String path, String message) {
    problem(at.line(), at.column(), path, message);
  }

  /** Records a problem at a line and column. */
  void problem(int line, int column, String path, String message) {
    problems.add(new DocumentException.Problem(line, column, path, message));
  }

  /** How many problems were recorded so far: a reader compares it before and after. */
  int problemCount() {
    return problems.size();
  }

  /** Throws every recorded problem, in line order; returns when there is none. */
  void throwIfAny() throws DocumentException {
    if (!problems.isEmpty()) {
      List<DocumentException.Problem> sorted = new ArrayList<>(problems);
      sorted.sort(
          Comparator.comparingInt(DocumentException.Problem::line)
              .thenComparingInt(DocumentException.Problem::column));
      throw new DocumentException(sorted);
    }
  }

  Optional<Map<String, YamlNode>> mapping(YamlNode node, String path, Set<String> keys) {
    if (!node.isMap()) {
      problem(
          node, path, "must be a mapping with keys " + sorted(keys) + ", not " + node.describe());
      return Optional.empty();
    }
    node.map()
        .forEach(
            (key, value) -> {
              if (!keys.contains(key)) {
                problem(
                    value,
                    path.isEmpty() ? key : path + "." + key,
                    "unknown key; expected one of " + sorted(keys));
              }
            });
    return Optional.of(node.map());
  }

  Optional<YamlNode> required(
      YamlNode parent, Map<String, YamlNode> fields, String key, String path) {
    YamlNode value = fields.get(key);
    if (value == null || value.value() == null) {
      problem(parent, path.isEmpty() ? key : path + "." + key, "is required");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  Optional<String> scalar(YamlNode node, String path) {
    if (!node.isScalar() || node.text().isBlank()) {
      problem(node, path, "must be a single value, not " + node.describe());
      return Optional.empty();
    }
    return Optional.of(node.text().strip());
  }

  Optional<Boolean> bool(YamlNode node, String path) {
    if (node.scalarToken() == JsonToken.VALUE_TRUE) {
      return Optional.of(true);
    }
    if (node.scalarToken() == JsonToken.VALUE_FALSE) {
      return Optional.of(false);
    }
    problem(node, path, "must be true or false, not " + node.describe());
    return Optional.empty();
  }

  Optional<Double> number(YamlNode node, String path) {
    if (node.scalarToken() == JsonToken.VALUE_NUMBER_INT
        || node.scalarToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      return Optional.of(Double.parseDouble(node.text()));
    }
    problem(node, path, "must be a number, not " + node.describe());
    return Optional.empty();
  }

  /**
   * A list of single values, or one value standing for a list of one; empty when {@code node} is
   * null. With {@code shape}, each value must match it.
   */
  List<String> strings(YamlNode node, String path, Pattern shape, String what) {
    if (node == null) {
      return List.of();
    }
    List<YamlNode> items = node.isList() ? node.list() : List.of(node);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = node.isList() ? path + "[" + i + "]" : path;
      YamlNode item = items.get(i);
      Optional<String> value = scalar(item, itemPath);
      if (value.isPresent() && shape != null && !shape.matcher(value.get()).matches()) {
        problem(item, itemPath, "'" + value.get() + "' is not " + what);
      } else {
        value.ifPresent(values::add);
      }
    }
    return values;
  }

  static String sorted(Set<String> keys) {
    return keys.stream().sorted().toList().toString();
  }
}
