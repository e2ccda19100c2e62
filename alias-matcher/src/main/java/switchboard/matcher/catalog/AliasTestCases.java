package switchboard.matcher.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import switchboard.matcher.grammar.AliasFormatException;
import switchboard.matcher.grammar.AliasParseException;
import switchboard.matcher.grammar.CompiledFormat;

/**
 * Format/command test cases for pack authors' CI, in the shape of the shared vectors file (contract
 * §11): {@code {"format", "command", "expect": {...}}} or {@code {"format", "command", "error":
 * true}}, optionally {@code "error_message"}, {@code "match_multiple"} with {@code
 * "expect_multiple"}, and an {@code "id"}; other keys ({@code source}, {@code notes}, ...) are
 * ignored. Each distinct format is compiled once, so thousands of cases run in well under a second.
 */
public final class AliasTestCases {

  /**
   * One case.
   *
   * @param id the case's {@code id}, or {@code #<position>} from 1; never null
   * @param expect the parameters st2 extracts (values may be null); null for an error case
   * @param errorMessage the exact ParseException text expected, or null for any
   * @param expectMultiple the per-occurrence parameters for a match_multiple case, or null
   */
  public record Case(
      String id,
      String format,
      String command,
      Map<String, String> expect,
      boolean error,
      String errorMessage,
      List<Map<String, String>> expectMultiple) {}

  /** A case whose outcome differs; expected and actual are short readable descriptions. */
  public record Failure(String id, String format, String command, String expected, String actual) {}

  /**
   * The outcome of a run.
   *
   * @param total cases run
   * @param passed cases that passed
   * @param failures the others, in case order; never null
   */
  public record Report(int total, int passed, List<Failure> failures) {

    public Report {
      failures = List.copyOf(failures);
    }

    /** For example {@code "91 passed, 0 failed"}. */
    public String summary() {
      return passed + " passed, " + failures.size() + " failed";
    }
  }

  private AliasTestCases() {}

  /**
   * Reads a JSON or YAML (by extension) list of cases.
   *
   * @throws AliasCatalogException when a case lacks {@code format}, {@code command}, or both {@code
   *     expect} and {@code error}
   */
  public static List<Case> read(Path file) throws IOException {
    JsonNode array = CatalogFiles.read(file);
    if (array == null || !array.isArray()) {
      throw new AliasCatalogException(file + ": expected a list of test cases");
    }
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String id = node.hasNonNull("id") ? node.get("id").asText() : "#" + (i + 1);
      String where = file + " case " + id;
      if (!node.hasNonNull("format") || !node.hasNonNull("command")) {
        throw new AliasCatalogException(where + ": needs 'format' and 'command'");
      }
      boolean error = CatalogFiles.bool(node.get("error"), false, where + ".error");
      if (!error && !node.path("expect").isObject()) {
        throw new AliasCatalogException(where + ": needs 'expect' (an object) or 'error: true'");
      }
      List<Map<String, String>> expectMultiple = null;
      if (CatalogFiles.bool(node.get("match_multiple"), false, where + ".match_multiple")
          && node.path("expect_multiple").isArray()) {
        expectMultiple = new ArrayList<>();
        for (JsonNode hit : node.get("expect_multiple")) {
          expectMultiple.add(parameters(hit));
        }
      }
      cases.add(
          new Case(
              id,
              node.get("format").asText(),
              node.get("command").asText(),
              error ? null : parameters(node.get("expect")),
              error,
              node.hasNonNull("error_message") ? node.get("error_message").asText() : null,
              expectMultiple));
    }
    return List.copyOf(cases);
  }

  /** Scalars compare by their text, so a YAML {@code count: 3} expects the string "3". */
  private static Map<String, String> parameters(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(
            e ->
                map.put(
                    e.getKey(),
                    e.getValue().isNull()
                        ? null
                        : e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
    return Collections.unmodifiableMap(map);
  }

  /** Runs every case; never throws for a failing case. */
  public static Report run(List<Case> cases) {
    Map<String, Object> formats = new HashMap<>();
    List<Failure> failures = new ArrayList<>();
    for (Case c : cases) {
      Object format = formats.computeIfAbsent(c.format(), AliasTestCases::compile);
      String expected = expected(c);
      String actual =
          format instanceof CompiledFormat compiled
              ? actual(compiled, c)
              : "invalid format: " + ((AliasFormatException) format).reason();
      if (!expected.equals(actual)) {
        failures.add(new Failure(c.id(), c.format(), c.command(), expected, actual));
      }
    }
    return new Report(cases.size(), cases.size() - failures.size(), failures);
  }

  private static Object compile(String format) {
    try {
      return CompiledFormat.compile(format);
    } catch (AliasFormatException e) {
      return e;
    }
  }

  private static String expected(Case c) {
    String single =
        c.error()
            ? (c.errorMessage() == null ? "error" : "error: " + c.errorMessage())
            : "parameters " + c.expect();
    return c.expectMultiple() == null ? single : single + "; each match " + c.expectMultiple();
  }

  /** Described in the terms of {@link #expected}, so that equal texts mean a pass. */
  private static String actual(CompiledFormat format, Case c) {
    String single;
    try {
      Map<String, String> parameters = format.parse(c.command());
      single =
          Objects.equals(parameters, c.expect())
              ? "parameters " + c.expect()
              : "parameters " + parameters;
    } catch (AliasParseException e) {
      single = c.error() && c.errorMessage() == null ? "error" : "error: " + e.getMessage();
    }
    if (c.expectMultiple() == null) {
      return single;
    }
    try {
      List<Map<String, String>> all = format.parseAll(c.command());
      return single + "; each match " + (all.equals(c.expectMultiple()) ? c.expectMultiple() : all);
    } catch (AliasParseException e) {
      return single + "; each match error: " + e.getMessage();
    }
  }
}
