package switchboard.dispatcher.aliases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import switchboard.records.AliasDefinition;
import switchboard.records.AliasFormat;
import switchboard.testkit.stackstorm.SampleAliases;

class AliasDefinitionsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void shouldKeepEveryFieldOfStackStormsAlias() throws Exception {
    AliasDefinition alias =
        AliasDefinitions.fromSt2(
            json(
                """
                {"id": "5f1", "ref": "test.deploy", "uid": "action_alias:test:deploy",
                 "name": "deploy", "pack": "test", "description": "Deploy an app",
                 "enabled": false, "action_ref": "test.deploy",
                 "formats": ["deploy {{app}}",
                             {"display": "deploy <app> to <env>",
                              "representation": ["deploy {{app}} to {{env}}"]},
                             {"representation": "ship {{app}}", "match_multiple": true},
                             {"display": "deploy help"}],
                 "ack": {"enabled": true, "format": "deploying {{execution.id}}",
                         "append_url": false, "extra": {"slack": {"color": "good"}}},
                 "result": {"enabled": false, "format": "done", "extra": {"color": "red"}},
                 "extra": {"security": {"twofactor": "2fa.check"}},
                 "immutable_parameters": {"env": "production"},
                 "metadata_file": "aliases/deploy.yaml"}"""));

    assertThat(alias.getId()).isEqualTo("5f1");
    assertThat(alias.getRef()).isEqualTo("test.deploy");
    assertThat(alias.getUid()).isEqualTo("action_alias:test:deploy");
    assertThat(alias.getDescription()).isEqualTo("Deploy an app");
    assertThat(alias.getEnabled()).isFalse();
    assertThat(alias.getFormats())
        .containsExactly(
            new AliasFormat("deploy {{app}}", List.of("deploy {{app}}"), false),
            new AliasFormat("deploy <app> to <env>", List.of("deploy {{app}} to {{env}}"), false),
            new AliasFormat(null, List.of("ship {{app}}"), true),
            new AliasFormat("deploy help", List.of(), false));
    assertThat(alias.getAck().getAppendUrl()).isFalse();
    assertThat(alias.getAck().getFormat()).isEqualTo("deploying {{execution.id}}");
    assertThat(json(alias.getAck().getExtraJson()))
        .isEqualTo(json("{\"slack\": {\"color\": \"good\"}}"));
    assertThat(alias.getResult().getEnabled()).isFalse();
    assertThat(json(alias.getResult().getExtraJson())).isEqualTo(json("{\"color\": \"red\"}"));
    assertThat(json(alias.getExtraJson()))
        .isEqualTo(json("{\"security\": {\"twofactor\": \"2fa.check\"}}"));
    assertThat(json(alias.getImmutableParametersJson()))
        .isEqualTo(json("{\"env\": \"production\"}"));
    assertThat(alias.getMetadataFile()).isEqualTo("aliases/deploy.yaml");
  }

  @Test
  void shouldDefaultWhatStackStormLeavesOut() throws Exception {
    AliasDefinition alias =
        AliasDefinitions.fromSt2(
            json(
                """
                {"name": "greet", "pack": "hello_st2", "action_ref": "hello_st2.greet",
                 "formats": ["greet {{greeting}}"], "ack": {"format": "hi"}}"""));

    assertThat(alias.getRef()).isEqualTo("hello_st2.greet");
    assertThat(alias.getEnabled()).isTrue();
    assertThat(alias.getAck().getEnabled()).isTrue();
    // null: the hubot default (on) applies, not an explicit choice.
    assertThat(alias.getAck().getAppendUrl()).isNull();
    assertThat(alias.getResult()).isNull();
    assertThat(alias.getExtraJson()).isNull();
  }

  @Test
  void shouldReadEverySampleAliasOfTheTestDouble() {
    List<AliasDefinition> aliases =
        SampleAliases.load().stream().map(AliasDefinitions::fromSt2).toList();

    assertThat(aliases)
        .extracting(AliasDefinition::getRef)
        .contains("examples.remote_shell_cmd", "hello_st2.greet", "networking_utils.ping");
    assertThat(aliases).allSatisfy(a -> assertThat(a.getFormats()).isNotEmpty());
  }

  @Test
  void shouldRefuseAnAliasWithoutNamePackOrAction() {
    assertThatThrownBy(() -> AliasDefinitions.fromSt2(json("{\"pack\": \"p\", \"name\": \"n\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action_ref");
  }
}
