package switchboard.matcher.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential check against st2's own parser: 2,608 probes whose answers were computed by running
 * st2's {@code ActionAliasFormatParser} (see PROVENANCE.md), including formats st2 cannot compile.
 */
class St2ParserProbesTest {

  @Test
  void shouldAgreeWithSt2ParserOnEveryProbe() throws Exception {
    JsonNode probes;
    try (InputStream in = getClass().getResourceAsStream("/probes/st2-parser-probes.json")) {
      probes = new ObjectMapper().readTree(in);
    }
    List<String> disagreements = new ArrayList<>();
    for (JsonNode probe : probes) {
      String expected = expected(probe);
      String actual = actual(probe);
      boolean agree =
          expected.equals("format error")
              ? actual.startsWith("format error")
              : expected.equals(actual);
      if (!agree) {
        disagreements.add(probe.get("id").asText() + ": expected " + expected + ", got " + actual);
      }
    }

    assertThat(probes.size()).isEqualTo(2608);
    assertThat(disagreements).isEmpty();
  }

  private static String expected(JsonNode probe) {
    if (probe.has("format_error")) {
      return "format error";
    }
    if (probe.has("error")) {
      return "error: " + probe.get("error_message").asText();
    }
    if (probe.has("expect_multiple")) {
      List<Map<String, String>> hits = new ArrayList<>();
      probe.get("expect_multiple").forEach(hit -> hits.add(parameters(hit)));
      return "each " + hits;
    }
    return "parameters " + parameters(probe.get("expect"));
  }

  private static String actual(JsonNode probe) {
    String format = probe.get("format").asText();
    String command = probe.get("command").asText();
    try {
      CompiledFormat compiled = CompiledFormat.compile(format);
      return probe.path("match_multiple").asBoolean(false)
          ? "each " + compiled.parseAll(command)
          : "parameters " + new LinkedHashMap<>(compiled.parse(command));
    } catch (AliasFormatException e) {
      return "format error: " + e.reason();
    } catch (AliasParseException e) {
      return "error: " + e.getMessage();
    }
  }

  private static Map<String, String> parameters(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(
            e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return map;
  }
}
