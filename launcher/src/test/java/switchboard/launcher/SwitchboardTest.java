package switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SwitchboardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "up",
        "run",
        "alias match",
        "identity",
        "identity import",
        "policy apply",
        "policy test",
        "audit"
      })
  void shouldAnswerHelpOnEveryCommand(String command) {
    StringWriter out = new StringWriter();
    CommandLine cli = Switchboard.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int exit = cli.execute((command + " --help").split(" "));

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("Usage: switchboard " + command);
  }
}
