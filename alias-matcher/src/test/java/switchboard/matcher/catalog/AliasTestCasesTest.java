package switchboard.matcher.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasTestCasesTest {

  @Test
  void shouldPassEverySharedVector() throws Exception {
    Path vectors = Path.of(getClass().getResource("/st2-alias-vectors.json").toURI());

    AliasTestCases.Report report = AliasTestCases.run(AliasTestCases.read(vectors));

    assertThat(report.failures()).isEmpty();
    assertThat(report.summary()).isEqualTo("91 passed, 0 failed");
  }

  @Test
  void shouldReportEachFailureWithWhatWasExpected(@TempDir Path dir) throws Exception {
    Path cases = dir.resolve("cases.yaml");
    Files.writeString(
        cases,
        """
        - id: ok
          format: "ping {{ host }}"
          command: "ping 8.8.8.8"
          expect: {host: 8.8.8.8}
        - id: wrong-value
          format: "ping {{ host }} count {{ count }}"
          command: "ping h count 3"
          expect: {host: h, count: 4}
        - format: "ping {{ host }}"
          command: "pong h"
          error: true
          error_message: "wrong text"
        - id: broken
          format: "{{x}} {{x}}"
          command: "a b"
          error: true
        """);

    AliasTestCases.Report report = AliasTestCases.run(AliasTestCases.read(cases));

    assertThat(report.total()).isEqualTo(4);
    assertThat(report.passed()).isEqualTo(1);
    assertThat(report.failures())
        .extracting(AliasTestCases.Failure::id, AliasTestCases.Failure::actual)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wrong-value", "parameters {host=h, count=3}"),
            org.assertj.core.groups.Tuple.tuple(
                "#3", "error: Command \"pong h\" doesn't match format string \"ping {{ host }}\""),
            org.assertj.core.groups.Tuple.tuple(
                "broken",
                "invalid format: redefinition of group name 'x' as group 2; was group 1 at position 75"));
  }

  @Test
  void shouldRunThousandsOfCasesInWellUnderASecond(@TempDir Path dir) throws Exception {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      cases.add(
          Map.of(
              "id", "c" + i,
              "format", "deploy {{app}} to {{env=staging}} version " + (i % 50),
              "command", "deploy app" + i + " to prod version " + (i % 50),
              "expect", Map.of("app", "app" + i, "env", "prod")));
    }
    Path file = dir.resolve("many.json");
    CatalogFiles.JSON.writeValue(file.toFile(), cases);

    long start = System.nanoTime();
    AliasTestCases.Report report = AliasTestCases.run(AliasTestCases.read(file));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(report.passed()).isEqualTo(5000);
    assertThat(millis).isLessThan(5000);
  }

  @Test
  void shouldRefuseACaseWithoutAnExpectation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "[{\"format\": \"x\", \"command\": \"x\"}]");

    assertThatThrownBy(() -> AliasTestCases.read(file))
        .isInstanceOf(AliasCatalogException.class)
        .hasMessageContaining("#1");
  }
}
