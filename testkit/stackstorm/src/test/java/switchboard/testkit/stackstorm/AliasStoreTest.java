package switchboard.testkit.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import switchboard.matcher.grammar.AliasFormatException;
import switchboard.matcher.grammar.CompiledFormat;

class AliasStoreTest {

  final AliasStore store = new AliasStore();

  static JsonNode alias(String pack, String name, String actionRef, String format) {
    return RawSt2.json(
        "{\"pack\": \""
            + pack
            + "\", \"name\": \""
            + name
            + "\", \"action_ref\": \""
            + actionRef
            + "\", \"formats\": [\""
            + format
            + "\"]}");
  }

  static JsonNode withId(JsonNode alias, String id) {
    return ((ObjectNode) alias.deepCopy()).put("id", id);
  }

  String packByName(String name) {
    return store.byName(name).orElseThrow().alias().get("pack").asText();
  }

  @Nested
  class Index {

    @Test
    void shouldFindByNameRefAndIdAndKnowTheAliasedAction() {
      store.put(withId(alias("ops", "restart", "ops.restart_service", "restart {{svc}}"), "a1"));

      assertThat(packByName("restart")).isEqualTo("ops");
      assertThat(store.byRefOrId("ops.restart").orElseThrow().get("id").asText()).isEqualTo("a1");
      assertThat(store.byRefOrId("a1").orElseThrow().get("ref").asText()).isEqualTo("ops.restart");
      assertThat(store.aliasesAction("ops.restart_service")).isTrue();
      assertThat(store.byName("stop")).isEmpty();
      assertThat(store.byRefOrId("a2")).isEmpty();
      assertThat(store.aliasesAction("ops.stop_service")).isFalse();
    }

    @Test
    void shouldTakeTheFirstPackByNameWhenPacksShareAName() {
      store.put(alias("zeta", "deploy", "zeta.deploy", "deploy {{app}}"));
      store.put(alias("alpha", "deploy", "alpha.deploy", "deploy {{app}}"));
      store.put(alias("alphabet", "deploy", "alphabet.deploy", "deploy {{app}}"));

      assertThat(packByName("deploy")).isEqualTo("alpha");

      store.delete("alpha.deploy");
      assertThat(packByName("deploy")).isEqualTo("alphabet");
    }

    @Test
    void shouldFollowAnUpdateThatChangesIdAndAction() {
      store.put(withId(alias("ops", "restart", "ops.old_action", "restart {{svc}}"), "old-id"));

      store.put(withId(alias("ops", "restart", "ops.new_action", "restart {{svc}}"), "new-id"));

      assertThat(store.byRefOrId("old-id")).isEmpty();
      assertThat(store.byRefOrId("new-id").orElseThrow().get("ref").asText())
          .isEqualTo("ops.restart");
      assertThat(store.aliasesAction("ops.old_action")).isFalse();
      assertThat(store.aliasesAction("ops.new_action")).isTrue();
      assertThat(store.byName("restart").orElseThrow().alias().get("id").asText())
          .isEqualTo("new-id");
    }

    @Test
    void shouldKeepTheIdOfAnUpdateThatGivesNone() {
      String id =
          store.put(alias("ops", "restart", "ops.a", "restart {{svc}}")).alias().get("id").asText();

      store.put(alias("ops", "restart", "ops.b", "restart {{svc}} now"));

      assertThat(store.byRefOrId(id).orElseThrow().get("action_ref").asText()).isEqualTo("ops.b");
    }

    @Test
    void shouldForgetEveryKeyOfADeletedAlias() {
      store.put(withId(alias("ops", "restart", "ops.restart_service", "restart {{svc}}"), "a1"));
      store.put(alias("web", "purge", "ops.restart_service", "purge {{url}}"));

      assertThat(store.delete("a1")).isPresent();

      assertThat(store.byName("restart")).isEmpty();
      assertThat(store.byRefOrId("a1")).isEmpty();
      assertThat(store.byRefOrId("ops.restart")).isEmpty();
      assertThat(store.aliasesAction("ops.restart_service"))
          .as("web.purge still names the action")
          .isTrue();
      assertThat(store.delete("web.purge")).isPresent();
      assertThat(store.aliasesAction("ops.restart_service")).isFalse();
      assertThat(store.delete("web.purge")).isEmpty();
    }

    @Test
    void shouldFindAnIdGivenTwiceUntilBothAreGone() {
      store.put(withId(alias("b", "one", "x.y", "one"), "same"));
      store.put(withId(alias("a", "two", "x.y", "two"), "same"));

      assertThat(store.byRefOrId("same").orElseThrow().get("ref").asText()).isEqualTo("a.two");
      store.delete("a.two");
      assertThat(store.byRefOrId("same").orElseThrow().get("ref").asText()).isEqualTo("b.one");
      store.delete("same");
      assertThat(store.all()).isEmpty();
    }
  }

  @Nested
  class CompiledFormats {

    AliasFormats formats(String name) {
      return store.byName(name).orElseThrow().formats();
    }

    @Test
    void shouldCompileAFormatOnceForAnAlias() throws AliasFormatException {
      store.put(alias("ops", "restart", "ops.restart", "restart {{svc}}"));

      CompiledFormat first = formats("restart").compiled("restart {{svc}}");

      assertThat(formats("restart").compiled("restart {{svc}}")).isSameAs(first);
    }

    @Test
    void shouldUseTheNewFormatOnceTheAliasChanges() throws Exception {
      store.put(alias("ops", "restart", "ops.restart", "restart {{svc}}"));
      CompiledFormat before = formats("restart").compiled("restart {{svc}}");

      store.put(alias("ops", "restart", "ops.restart", "restart {{svc}} on {{host}}"));

      AliasFormats after = formats("restart");
      assertThat(after.offers("restart {{svc}}")).isFalse();
      assertThatThrownBy(() -> after.compiled("restart {{svc}}"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(after.compiled("restart {{svc}} on {{host}}").parse("restart db on web1"))
          .isEqualTo(Map.of("svc", "db", "host", "web1"));
      assertThat(before.format()).isEqualTo("restart {{svc}}");
    }

    @Test
    void shouldCompileAgainAfterAnUpdateWithTheSameFormat() throws AliasFormatException {
      store.put(alias("ops", "restart", "ops.restart", "restart {{svc}}"));
      CompiledFormat before = formats("restart").compiled("restart {{svc}}");

      store.put(alias("ops", "restart", "ops.other", "restart {{svc}}"));

      assertThat(formats("restart").compiled("restart {{svc}}")).isNotSameAs(before);
    }

    @Test
    void shouldOfferRepresentationsAndPlainFormatsButNotDisplays() {
      store.put(
          RawSt2.json(
              """
              {"pack": "p", "name": "n", "action_ref": "p.a",
               "formats": ["plain {{x}}",
                           {"display": "shown", "representation": ["rep {{x}}", "rep2 {{x}}"]},
                           {"display": "display only"}]}"""));

      AliasFormats formats = formats("n");

      assertThat(formats.offers("plain {{x}}")).isTrue();
      assertThat(formats.offers("rep {{x}}")).isTrue();
      assertThat(formats.offers("rep2 {{x}}")).isTrue();
      assertThat(formats.offers("shown")).isFalse();
      assertThat(formats.offers("display only")).isFalse();
    }

    @Test
    void shouldReportAFormatThatCannotCompileEveryTime() {
      store.put(alias("p", "broken", "p.a", "broken (unclosed {{x}}"));

      AliasFormats formats = formats("broken");

      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> formats.compiled("broken (unclosed {{x}}"))
            .isInstanceOf(AliasFormatException.class);
      }
    }
  }
}
