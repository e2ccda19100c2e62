package switchboard.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

  @Test
  void shouldServeALoopbackChatOnPort8090WhenNothingIsConfigured() {
    ConsoleSettings settings = new ConsoleConfig(Map.of()).settings();

    assertThat(settings)
        .isEqualTo(new ConsoleSettings("127.0.0.1", 8090, "", "switchboard", "#ops", 1000));
  }

  @Test
  void shouldReadEveryKey() {
    ConsoleSettings settings =
        new ConsoleConfig(
                Map.of(
                    "http.host", "0.0.0.0",
                    "http.port", "0",
                    "banner", "StackStorm sandbox - not a real StackStorm",
                    "bot.name", "st2",
                    "default.channel", "#demo",
                    "history.limit", "50"))
            .settings();

    assertThat(settings)
        .isEqualTo(
            new ConsoleSettings(
                "0.0.0.0", 0, "StackStorm sandbox - not a real StackStorm", "st2", "#demo", 50));
  }
}
