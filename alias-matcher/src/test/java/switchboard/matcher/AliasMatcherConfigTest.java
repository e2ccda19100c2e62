package switchboard.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import switchboard.matcher.policy.PermissionMode;

class AliasMatcherConfigTest {

  @Test
  void shouldEnforcePermissionsUnlessOpenIsChosenExplicitly() {
    assertThat(AliasMatcherApp.permissionsFor(new AliasMatcherConfig(Map.of())))
        .isEqualTo(PermissionMode.ENFORCE);
    assertThat(
            AliasMatcherApp.permissionsFor(
                new AliasMatcherConfig(Map.of(AliasMatcherConfig.PERMISSIONS_MODE_CONFIG, "open"))))
        .isEqualTo(PermissionMode.OPEN);
    assertThatThrownBy(
            () -> new AliasMatcherConfig(Map.of(AliasMatcherConfig.PERMISSIONS_MODE_CONFIG, "off")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AliasMatcherConfig.PERMISSIONS_MODE_CONFIG);
  }

  @Test
  void shouldReadTheConfirmationTimeout() {
    assertThat(new AliasMatcherConfig(Map.of()).settings().confirmTimeout())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(
            new AliasMatcherConfig(Map.of(AliasMatcherConfig.CONFIRM_TIMEOUT_MS_CONFIG, "60000"))
                .settings()
                .confirmTimeout())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void shouldDocumentEveryKey() {
    AliasMatcherConfig.CONFIG
        .configKeys()
        .values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }
}
