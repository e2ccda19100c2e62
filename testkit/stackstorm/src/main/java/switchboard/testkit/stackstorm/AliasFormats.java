package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import switchboard.matcher.grammar.AliasFormatException;
import switchboard.matcher.grammar.CompiledFormat;

/**
 * The format strings one version of an alias offers to {@code POST /api/v1/aliasexecution}, each
 * compiled the first time a request names it. Compiling is the dear part of an alias execution, and
 * the alias-matcher's shared cache is too small for a large catalogue; the {@link AliasStore} makes
 * a new instance whenever the alias changes, so a compilation never outlives its alias.
 * Thread-safe.
 */
final class AliasFormats {

  private final Set<String> strings;
  private final Map<String, CompiledFormat> compiled = new ConcurrentHashMap<>();

  /** The formats of {@code alias}, in st2's JSON shape. */
  AliasFormats(JsonNode alias) {
    this.strings =
        Set.copyOf(
            formatStrings(alias).stream()
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .toList());
  }

  /** Whether {@code format} is one of the alias's format strings, as st2 requires (§4.1). */
  boolean offers(String format) {
    return strings.contains(format);
  }

  /**
   * {@code format}, compiled once per alias version. Formats that fail are not remembered: they are
   * rare, and each request gets the same error again.
   *
   * @throws IllegalArgumentException when the alias does not offer {@code format}
   * @throws AliasFormatException when it cannot be compiled
   */
  CompiledFormat compiled(String format) throws AliasFormatException {
    if (!offers(format)) {
      throw new IllegalArgumentException("not a format of this alias: " + format);
    }
    CompiledFormat known = compiled.get(format);
    if (known != null) {
      return known;
    }
    // Two requests may race to compile the same format; both results are equal, one is kept.
    CompiledFormat fresh = CompiledFormat.compile(format);
    CompiledFormat kept = compiled.putIfAbsent(format, fresh);
    return kept != null ? kept : fresh;
  }

  /**
   * st2's {@code ActionAliasDB.get_format_strings}: every representation of object formats (a
   * string representation extends the list character by character, as Python's {@code list.extend}
   * does), and other formats as they are.
   */
  private static List<JsonNode> formatStrings(JsonNode alias) {
    List<JsonNode> strings = new ArrayList<>();
    for (JsonNode format : alias.path("formats")) {
      JsonNode representation = format.path("representation");
      if (format.isObject() && St2Values.truthy(representation)) {
        if (representation.isTextual()) {
          representation
              .textValue()
              .codePoints()
              .forEach(c -> strings.add(St2Values.NODES.textNode(Character.toString(c))));
        } else {
          representation.forEach(strings::add);
        }
      } else {
        strings.add(format);
      }
    }
    return strings;
  }
}
