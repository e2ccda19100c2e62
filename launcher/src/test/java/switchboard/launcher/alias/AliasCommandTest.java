package switchboard.launcher.alias;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import switchboard.launcher.Switchboard;

class AliasCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Switchboard.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(AliasCommandTest.class.getResource("/alias/" + name).toURI()).toString();
  }

  @Test
  void shouldPrintExtractedParametersAsJson() {
    int code =
        run("alias", "parse", "--format", "run {{cmd}} on {{hosts=localhost}}", "run date on");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"cmd\" : \"date\"").contains("\"hosts\" : \"localhost\"");
  }

  @Test
  void shouldPrintStackStormsErrorTextAndExitTwo() {
    int code = run("alias", "parse", "--format", "run {{cmd}} on {{hosts}}", "walk the dog");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "Command \"walk the dog\" doesn't match format string \"run {{cmd}} on {{hosts}}\"");
  }

  @Test
  void shouldPrintTheMatchedAlias() throws Exception {
    int code = run("alias", "match", "--aliases", resource("aliases.json"), "run uptime on web2");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("\"alias\" : \"examples.remote_shell_cmd\"")
        .contains("\"hosts\" : \"web2\"");
  }

  @Test
  void shouldPrintTheCandidatesOfAnAmbiguousCommand() throws Exception {
    int code = run("alias", "match", "--aliases", resource("aliases.json"), "ping web1 count 3");

    assertThat(code).isEqualTo(2);
    assertThat(out.toString())
        .contains("\"result\" : \"ambiguous\"")
        .contains("matched more than 1 pattern")
        .contains("ping {{ host }} count {{ count }}");
  }

  @Test
  void shouldReportFailingCasesAndCountThem() throws Exception {
    int code = run("alias", "test", resource("cases.yaml"));

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAILED wrong-on-purpose")
        .contains("expected: ")
        .endsWith("3 passed, 1 failed" + System.lineSeparator());
  }
}
