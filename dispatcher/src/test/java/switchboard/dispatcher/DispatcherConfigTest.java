package switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import switchboard.dispatcher.stackstorm.StackStormCredentials;
import switchboard.dispatcher.stackstorm.StackStormSettings;

class DispatcherConfigTest {

  static final String KEY = "k3y-SECRET-value";
  static final String PASSWORD = "pa55-SECRET:word";

  static Map<String, String> minimal() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", "localhost:9092");
    config.put("dispatcher.st2.url", "https://st2.example.com/");
    config.put("dispatcher.st2.api.key", KEY);
    return config;
  }

  @Test
  void shouldDocumentEveryKey() {
    for (ConfigDef.ConfigKey key : DispatcherConfig.configDef().configKeys().values()) {
      assertThat(key.documentation).as("doc of %s", key.name).isNotBlank();
      assertThat(key.name).as("key %s", key.name).startsWith("dispatcher.");
    }
  }

  @Test
  void shouldReportEveryProblemAtOnceNamingItsKey() {
    Map<String, String> bad =
        Map.of(
            "dispatcher.notification.route", "switchboard.slack",
            "dispatcher.retry.jitter", "2",
            "dispatcher.st2.username", "bot");

    assertThatThrownBy(() -> DispatcherConfig.from(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dispatcher.notification.route")
        .hasMessageContaining("dispatcher.retry.jitter")
        .hasMessageContaining("kafka.bootstrap.servers")
        .hasMessageContaining("dispatcher.st2.url")
        .hasMessageContaining("\"dispatcher.st2.username\" and \"dispatcher.st2.password\"");
  }

  @Test
  void shouldRefuseMissingCredentialsAndNonHttpUrls() {
    Map<String, String> config = minimal();
    config.remove("dispatcher.st2.api.key");
    config.put("dispatcher.st2.stream.url", "ftp://st2/stream");

    assertThatThrownBy(() -> DispatcherConfig.from(config))
        .hasMessageContaining("No StackStorm credentials")
        .hasMessageContaining("\"dispatcher.st2.stream.url\" must be an http or https URL");
  }

  @Test
  void shouldReachStackStormBehindNginxUnlessAServiceIsGivenItsOwnUrl() {
    Map<String, String> config = minimal();
    config.put("dispatcher.st2.stream.url", "http://st2:9102/v1");

    StackStormSettings settings = DispatcherConfig.from(config).stackStormSettings();

    assertThat(settings.apiUrl()).isEqualTo(URI.create("https://st2.example.com/api/v1"));
    assertThat(settings.authUrl()).isEqualTo(URI.create("https://st2.example.com/auth/v1"));
    assertThat(settings.streamUrl()).isEqualTo(URI.create("http://st2:9102/v1"));
    assertThat(settings.verifyTls()).isTrue();
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldPreferAnApiKeyThenATokenThenAUserAsHubot() {
    Map<String, String> all = minimal();
    all.put("dispatcher.st2.auth.token", "t0ken");
    all.put("dispatcher.st2.username", "bot");
    all.put("dispatcher.st2.password", PASSWORD);
    Map<String, String> noKey = new HashMap<>(all);
    noKey.remove("dispatcher.st2.api.key");
    Map<String, String> userOnly = new HashMap<>(noKey);
    userOnly.remove("dispatcher.st2.auth.token");

    assertThat(DispatcherConfig.from(all).stackStormSettings().credentials())
        .isEqualTo(new StackStormCredentials.ApiKey(KEY));
    assertThat(DispatcherConfig.from(noKey).stackStormSettings().credentials())
        .isEqualTo(new StackStormCredentials.Token("t0ken"));
    assertThat(DispatcherConfig.from(userOnly).stackStormSettings().credentials())
        .isEqualTo(new StackStormCredentials.UserPassword("bot", PASSWORD));
  }

  @Test
  void shouldNeverShowACredentialInWhatGetsLogged() {
    Map<String, String> config = minimal();
    config.put("dispatcher.st2.password", PASSWORD);
    config.put("dispatcher.st2.username", "bot");

    DispatcherConfig parsed = DispatcherConfig.from(config);

    String printed =
        parsed.values() + " " + parsed.stackStormSettings() + " " + parsed.journalProducerConfig();
    assertThat(printed).doesNotContain("SECRET").contains("[hidden]");
    assertThatThrownBy(
            () -> {
              Map<String, String> bad = new HashMap<>(config);
              bad.put("dispatcher.st2.timeout.ms", "0");
              DispatcherConfig.from(bad);
            })
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
  }

  @Test
  void shouldHandEachKafkaClientOnlyItsSettingsWithTheGuaranteesTheLedgerNeeds() {
    Map<String, String> config = minimal();
    config.put("kafka.group.id", "ignored");
    config.put("kafka.linger.ms", "5");
    config.put("dispatcher.group.id", "dispatchers-eu");
    config.put("dispatcher.instance.id", "pod-0");

    DispatcherConfig parsed = DispatcherConfig.from(config);

    assertThat(parsed.commandConsumerConfig())
        .containsEntry("group.id", "dispatchers-eu")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("auto.offset.reset", "latest")
        .doesNotContainKey("linger.ms");
    assertThat(parsed.tableConsumerConfig())
        .doesNotContainKey("group.id")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("auto.offset.reset", "earliest");
    assertThat(parsed.journalProducerConfig())
        .containsEntry("transactional.id", "dispatchers-eu-pod-0")
        .containsEntry("acks", "all")
        .containsEntry("linger.ms", "5")
        .doesNotContainKey("group.id");
    assertThat(parsed.tableProducerConfig()).doesNotContainKey("transactional.id");
  }

  @Test
  void shouldDeriveTheSettingsOfEachPartFromTheDefaults() {
    DispatcherConfig parsed = DispatcherConfig.from(minimal());

    assertThat(parsed.notificationRoute()).isEqualTo("switchboard");
    assertThat(parsed.dispatchSettings().giveUpAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(parsed.resultSettings().grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(parsed.resultSettings().reconcileInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(parsed.aliasResyncInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(parsed.callSettings().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(parsed.callSettings().openDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(parsed.callThreads()).isEqualTo(8);
    assertThat(parsed.transactionalId()).startsWith("switchboard-dispatcher-");
  }

  @Test
  void shouldServeTheLinkPageOnlyWhenAskedAndOnlyAtAnAddressUsersCanReachSafely() {
    Map<String, String> config = minimal();
    assertThat(DispatcherConfig.from(config).linkSettings()).isEmpty();

    config.put("dispatcher.link.enabled", "true");
    assertThat(DispatcherConfig.from(config).linkSettings())
        .hasValueSatisfying(
            link -> {
              assertThat(link.publicUrl()).isEmpty();
              assertThat(link.bindAddress()).isEqualTo("127.0.0.1");
              assertThat(link.ttl()).isEqualTo(Duration.ofMinutes(10));
            });

    config.put("dispatcher.link.public.url", "https://switchboard.example.com/link/");
    config.put("dispatcher.link.bind.address", "0.0.0.0");
    assertThat(DispatcherConfig.from(config).linkSettings().orElseThrow().publicUrl())
        .contains(URI.create("https://switchboard.example.com/link"));

    config.put("dispatcher.link.public.url", "http://localhost:8091/link");
    assertThat(DispatcherConfig.from(config).linkSettings()).isPresent();

    // Refused: a password over plain HTTP across the network, no URL at all, a short TTL
    config.put("dispatcher.link.public.url", "http://switchboard.example.com/link");
    config.put("dispatcher.link.ttl.ms", "1000");
    assertThatThrownBy(() -> DispatcherConfig.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dispatcher.link.public.url")
        .hasMessageContaining("https://")
        .hasMessageContaining("dispatcher.link.ttl.ms");
    config.remove("dispatcher.link.ttl.ms");
    config.remove("dispatcher.link.public.url");
    assertThatThrownBy(() -> DispatcherConfig.from(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "dispatcher.link.public.url is required when the link page listens beyond this host");
  }
}
