package switchboard.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Keeps the load generator working: a few seconds at a low rate through the real pipeline. A
 * benchmark is not a test, so nothing here asserts a time; only that every count is complete and
 * the report renders.
 */
class E2eBenchmarkSmokeTest {

  @TempDir Path dir;

  @Test
  void shouldAnswerEveryEventOnceAndReportWhenRunBriefly() throws Exception {
    // Given a two-second run at 50 events per second, and its baseline
    Path json = dir.resolve("e2e.json");
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    PrintStream stdout = System.out;

    // When it runs
    int exit;
    System.setOut(new PrintStream(table, true, StandardCharsets.UTF_8));
    try {
      exit =
          new CommandLine(new E2eBenchmark())
              .execute(
                  "--rate", "50",
                  "--warmup", "0s",
                  "--duration", "2s",
                  "--idle", "0s",
                  "--aliases", "10",
                  "--conversations", "5",
                  "--json", json.toString(),
                  "--data-dir", dir.resolve("data").toString());
    } finally {
      System.setOut(stdout);
    }

    // Then every measured event got its ack and result, every baseline record arrived, and the
    // report says so in both forms
    assertThat(exit).isZero();
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("complete").asBoolean()).isTrue();
    JsonNode run = report.path("runs").get(0);
    assertThat(run.path("requests").asInt()).isEqualTo(100);
    assertThat(run.path("latencyMs").path("ack").path("count").asLong()).isEqualTo(100);
    assertThat(run.path("latencyMs").path("result").path("count").asLong()).isEqualTo(100);
    assertThat(report.path("baseline").path("latencyMs").path("delivered").path("count").asLong())
        .isEqualTo(100);
    assertThat(report.has("ackToBaselineRatio")).isTrue();
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains("e2e50", "baseline50", "ack", "result", "ratio", "Counts complete");
  }
}
