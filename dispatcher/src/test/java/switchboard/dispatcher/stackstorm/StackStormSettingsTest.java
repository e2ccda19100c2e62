package switchboard.dispatcher.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StackStormSettingsTest {

  @Test
  void shouldDeriveNginxPathsFromOneBaseUrl() {
    StackStormSettings settings =
        StackStormSettings.behindProxy(
            URI.create("https://st2.example/"), new StackStormCredentials.ApiKey("k"));

    assertThat(settings.apiUrl()).hasToString("https://st2.example/api/v1");
    assertThat(settings.authUrl()).hasToString("https://st2.example/auth/v1");
    assertThat(settings.streamUrl()).hasToString("https://st2.example/stream/v1");
    assertThat(settings.verifyTls()).isTrue();
    assertThat(settings.timeout()).isEqualTo(StackStormSettings.DEFAULT_TIMEOUT);
  }

  @Test
  void shouldUseDefaultPortsWhenDirect() {
    StackStormSettings settings =
        StackStormSettings.direct("st2", new StackStormCredentials.ApiKey("k"));

    assertThat(settings.apiUrl()).hasToString("http://st2:9101/v1");
    assertThat(settings.authUrl()).hasToString("http://st2:9100/v1");
    assertThat(settings.streamUrl()).hasToString("http://st2:9102/v1");
  }

  @Test
  void shouldNeverPrintSecrets() {
    StackStormSettings settings =
        StackStormSettings.behindProxy(
                URI.create("https://st2"), new StackStormCredentials.UserPassword("bot", "hunter2"))
            .withTimeout(Duration.ofSeconds(3));

    assertThat(settings.toString()).contains("bot").doesNotContain("hunter2");
    assertThat(new StackStormCredentials.ApiKey("key-123").toString()).doesNotContain("key-123");
    assertThat(new StackStormCredentials.Token("tok-456").toString()).doesNotContain("tok-456");
  }

  @Test
  void shouldRefuseEmptyCredentialsAndZeroTimeout() {
    assertThatThrownBy(() -> new StackStormCredentials.ApiKey(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                StackStormSettings.direct("h", new StackStormCredentials.Token("t"))
                    .withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
