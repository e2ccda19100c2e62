package switchboard.matcher.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared conformance vectors (contract §11), one case per vector, named by its id. */
class St2AliasVectorsTest {

  static Stream<Arguments> vectors() throws IOException {
    try (InputStream in =
        St2AliasVectorsTest.class.getResourceAsStream("/st2-alias-vectors.json")) {
      JsonNode all = new ObjectMapper().readTree(in);
      return StreamSupport.stream(all.spliterator(), false)
          .map(v -> Arguments.of(v.get("id").asText(), v))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void shouldParseExactlyAsSt2(String id, JsonNode vector) throws Exception {
    String format = vector.get("format").asText();
    String command = vector.get("command").asText();
    if (vector.path("error").asBoolean(false)) {
      var thrown = assertThatThrownBy(() -> AliasFormatParser.parse(format, command));
      thrown.isInstanceOf(AliasParseException.class);
      if (vector.has("error_message")) {
        thrown.hasMessage(vector.get("error_message").asText());
      }
    } else {
      assertThat(AliasFormatParser.parse(format, command))
          .containsExactlyInAnyOrderEntriesOf(parameters(vector.get("expect")));
    }
    if (vector.path("match_multiple").asBoolean(false)) {
      List<Map<String, String>> expected = new ArrayList<>();
      vector.get("expect_multiple").forEach(hit -> expected.add(parameters(hit)));
      assertThat(AliasFormatParser.parseMultiple(format, command)).isEqualTo(expected);
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
