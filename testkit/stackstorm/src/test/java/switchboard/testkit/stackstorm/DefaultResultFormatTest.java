package switchboard.testkit.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultResultFormatTest {

  static JsonNode execution(String runner, String result) {
    return RawSt2.json(
        "{\"id\": \"e1\", \"status\": \"succeeded\", \"action\": {\"ref\": \"core.local\"},"
            + " \"runner\": {\"name\": \""
            + runner
            + "\"}, \"web_url\": \"https://st2/#/history/e1/general\", \"elapsed_seconds\": 65.4,"
            + " \"result\": "
            + result
            + "}");
  }

  @Test
  void shouldRenderLocalShellResultLikeDefaultTemplate() {
    String message =
        DefaultResultFormat.render(
            execution(
                "local-shell-cmd",
                "{\"failed\": false, \"succeeded\": true, \"return_code\": 0, \"stdout\": \"hi\", \"stderr\": \"\"}"));

    assertThat(message)
        .isEqualTo(
            "\nAction core.local completed.\nstatus : succeeded\nexecution: e1\n\n"
                + "web_url: https://st2/#/history/e1/general\n\nTook 1m5s to complete.\n\n"
                + "result :\n--------\nstdout : hi\n\n");
  }

  @Test
  void shouldNestRemoteResultsPerHostAndIndentMultilineValues() {
    String message =
        DefaultResultFormat.render(
            execution(
                "remote-shell-cmd",
                "{\"web1\": {\"stdout\": \"a\\nb\", \"stderr\": \"\", \"return_code\": 0, \"succeeded\": true}}"));

    assertThat(message).endsWith("result :\n--------\nweb1 : \n  stdout :       \n    a\nb\n\n");
  }

  @Test
  void shouldKeepOnlyPythonRunnerKeysThatAreSet() {
    String message =
        DefaultResultFormat.render(
            execution(
                "python-script",
                "{\"exit_code\": 0, \"result\": {\"ok\": true}, \"stderr\": \"\", \"stdout\": \"\"}"));

    assertThat(message).endsWith("result :\n--------\nresult : \n  ok : True\n\n");
  }

  @ParameterizedTest
  @CsvSource({"0, 0s", "0.5, 0.5\u03BCs", "1, 1s", "59.6, 1m0s", "3605, 1h0m5s", "90061, 1d1h1m1s"})
  void shouldPrintHumanTimeAsSt2Does(double seconds, String expected) {
    assertThat(DefaultResultFormat.humanTime(seconds)).isEqualTo(expected);
  }
}
