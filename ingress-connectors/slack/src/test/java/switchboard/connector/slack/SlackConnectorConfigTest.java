package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SlackConnectorConfigTest {

  private static Map<String, String> socket() {
    Map<String, String> config = new HashMap<>();
    config.put("bot.token", "xoxb-123-secret");
    config.put("app.token", "xapp-1-secret");
    return config;
  }

  @Test
  void shouldDefaultToTwoSocketModeConnectionsThreadingOnlyThreadsAndOneMessagePerSecond() {
    SlackSettings settings = new SlackConnectorConfig(socket()).settings();

    assertThat(settings.mode()).isEqualTo(SlackSettings.Mode.SOCKET);
    assertThat(settings.socketConnections()).isEqualTo(2);
    assertThat(settings.apiUrl()).isEqualTo("https://slack.com/api/");
    assertThat(settings.threading()).isEqualTo(SlackThreading.replyInCommandThread());
    assertThat(settings.pacing()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.rendering()).isEqualTo(new SlackRendering(12_000, "#dfdfdf", "danger"));
  }

  @Test
  void shouldKeepTokensAsPasswordsThatNeverPrint() {
    SlackConnectorConfig config = new SlackConnectorConfig(socket());

    assertThat(SlackConnectorConfig.CONFIG_DEF.configKeys().get("bot.token").type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(SlackConnectorConfig.CONFIG_DEF.configKeys().get("app.token").type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(SlackConnectorConfig.CONFIG_DEF.configKeys().get("signing.secret").type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(config.credentials().botToken()).isEqualTo("xoxb-123-secret");
    assertThat(config.credentials().toString()).doesNotContain("secret-", "xoxb", "xapp");
  }

  @Test
  void shouldRequireTheAppTokenInSocketMode() {
    Map<String, String> config = socket();
    config.remove("app.token");

    assertThatThrownBy(() -> new SlackConnectorConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("app.token")
        .hasMessageContaining("mode=socket");
  }

  @Test
  void shouldRequireTheSigningSecretInEventsMode() {
    Map<String, String> config = socket();
    config.put("mode", "events");

    assertThatThrownBy(() -> new SlackConnectorConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("signing.secret");
  }

  @Test
  void shouldRefuseATokenOfTheWrongKindWithoutPrintingIt() {
    Map<String, String> config = socket();
    config.put("bot.token", "xoxp-user-token-value");

    assertThatThrownBy(() -> new SlackConnectorConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bot.token")
        .hasMessageNotContaining("xoxp-user-token-value");
  }

  @Test
  void shouldReadPerChannelThreadingOverrides() {
    Map<String, String> config = socket();
    config.put("reply.in.thread", "always");
    config.put("reply.in.thread.channels", "C0QUIET01=thread, C0LOUD001=always");

    SlackThreading threading = new SlackConnectorConfig(config).settings().threading();

    assertThat(threading)
        .isEqualTo(
            new SlackThreading(
                SlackThreading.Mode.ALWAYS,
                Map.of(
                    "C0QUIET01", SlackThreading.Mode.THREAD,
                    "C0LOUD001", SlackThreading.Mode.ALWAYS)));
  }

  @Test
  void shouldRefuseAMalformedThreadingOverride() {
    Map<String, String> config = socket();
    config.put("reply.in.thread.channels", "general");

    assertThatThrownBy(() -> new SlackConnectorConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reply.in.thread.channels");
  }

  @Test
  void shouldPrefixHubotStyleHexColoursWithAHash() {
    Map<String, String> config = socket();
    config.put("color.success", "2eb886");

    assertThat(new SlackConnectorConfig(config).settings().rendering().successColor())
        .isEqualTo("#2eb886");
  }

  @Test
  void shouldRefuseAnApiUrlWithoutTrailingSlash() {
    Map<String, String> config = socket();
    config.put("api.url", "https://slack.com/api");

    assertThatThrownBy(() -> new SlackConnectorConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.url");
  }
}
