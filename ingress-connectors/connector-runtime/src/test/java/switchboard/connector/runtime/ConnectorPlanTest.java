package switchboard.connector.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorPlanTest {

  private final ProviderCatalog catalog =
      ProviderCatalog.of(
          new RecordingProvider("slack", new ArrayList<>()),
          new RecordingProvider("console", new ArrayList<>()));

  @Test
  void shouldPlanTheConfiguredInstancesInConfigOrderWithTheirPrefixStripped() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("kafka.bootstrap.servers", "localhost:9092");
    config.put("connectors.ops-slack.provider", "slack");
    config.put("connectors.ops-slack.token", "xoxb-1");
    config.put("connectors.local.provider", "console");
    config.put("connectors.local.token", "t");
    config.put("connectors.ops-slack.retries", "5");

    ConnectorPlan plan = ConnectorPlan.of(config, catalog);

    assertThat(plan.instances())
        .extracting(ConnectorPlan.Instance::name)
        .containsExactly("ops-slack", "local");
    ConnectorPlan.Instance slack = plan.instances().get(0);
    assertThat(slack.provider().id()).isEqualTo("slack");
    assertThat(slack.config()).isEqualTo(Map.of("token", "xoxb-1", "retries", "5"));
    assertThat(slack.key("token")).isEqualTo("connectors.ops-slack.token");
  }

  @Test
  void shouldListTheAvailableProvidersWhenAnIdIsUnknown() {
    Map<String, String> config = Map.of("connectors.chat.provider", "hipchat");

    assertThatThrownBy(() -> ConnectorPlan.of(config, catalog))
        .isInstanceOf(ConnectorConfigException.class)
        .hasMessageContaining("connectors.chat.provider: no provider 'hipchat' on the class path")
        .hasMessageContaining("available providers: [console, slack]");
  }

  @Test
  void shouldReportEveryProblemOfEveryInstanceAtOnceWithItsFullKey() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connectors.a.provider", "slack");
    config.put("connectors.a.retries", "99");
    config.put("connectors.b.provider", "console");
    config.put("connectors.b.retries", "many");
    config.put("connectors.b.token", "t");
    config.put("connectors.c.token", "t");
    config.put("connectors.d.provider", "irc");
    config.put("connectors.bad/name.provider", "slack");
    config.put("connectors.lonely", "x");

    assertThatThrownBy(() -> ConnectorPlan.of(config, catalog))
        .hasMessageStartingWith("invalid connector configuration (7 problems)")
        .isInstanceOfSatisfying(
            ConnectorConfigException.class,
            error ->
                assertThat(error.problems())
                    .hasSize(7)
                    .anySatisfy(
                        p -> assertThat(p).startsWith("connectors.a.token: Missing required"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("connectors.a.retries: ").contains("99"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("connectors.b.retries: ").contains("many"))
                    .anySatisfy(p -> assertThat(p).startsWith("connectors.c.provider: missing"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("connectors.d.provider: no provider 'irc'"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("connectors.bad/name.provider: instance"))
                    .anySatisfy(p -> assertThat(p).startsWith("connectors.lonely: expected")));
  }

  @Test
  void shouldRefuseToRunWithoutAnyConnector() {
    assertThatThrownBy(() -> ConnectorPlan.of(Map.of("kafka.acks", "all"), catalog))
        .isInstanceOf(ConnectorConfigException.class)
        .hasMessageContaining("no connector configured; available providers: [console, slack]");
  }

  @Test
  void shouldRefuseTwoProvidersWithOneId() {
    assertThatThrownBy(
            () ->
                ProviderCatalog.of(
                    new RecordingProvider("slack", new ArrayList<>()),
                    new RecordingProvider("slack", new ArrayList<>())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two chat providers claim the id 'slack'");
  }

  @Test
  void shouldFindTheConsoleProviderOnTheClassPath() {
    ProviderCatalog loaded = ProviderCatalog.load(getClass().getClassLoader());

    assertThat(loaded.ids()).contains("console");
  }
}
