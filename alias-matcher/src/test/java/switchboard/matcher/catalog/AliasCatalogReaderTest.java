package switchboard.matcher.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;

class AliasCatalogReaderTest {

  private static Path resource(String name) throws Exception {
    return Path.of(AliasCatalogReaderTest.class.getResource(name).toURI());
  }

  @Test
  void shouldReadTheApiJsonShapeIncludingTheExchangeDataSet() throws Exception {
    List<Alias> aliases;
    try (InputStream in =
        getClass().getResourceAsStream("/exchange/st2-exchange-aliases-apache.json")) {
      aliases = AliasCatalogReader.readApiJson(in, "exchange");
    }

    assertThat(aliases).hasSize(182);
    Alias github =
        aliases.stream()
            .filter(a -> a.ref().equals("github.store_oauth_token"))
            .findFirst()
            .orElseThrow();
    assertThat(github.formats())
        .containsExactly(
            new AliasFormatSpec(
                "github store [type (enterprise\u00a6online)] token {{token}}",
                List.of("github store( type {{github_type}})? token {{token}}"),
                false));
    assertThat(aliases.stream().filter(a -> !a.enabled()).count()).isPositive();
    assertThat(
            aliases.stream()
                .filter(a -> a.name().equals("salt.local"))
                .findFirst()
                .orElseThrow()
                .ref())
        .isEqualTo("salt.salt.local");
  }

  @Test
  void shouldReadIdsAckAndRepresentationAsAStringFromTheApi() throws Exception {
    String json =
        """
        [{"id": "5f1", "ref": "aliases.alias2", "name": "alias2", "pack": "aliases",
          "description": "DON'T CARE", "enabled": true, "action_ref": "wolfpack.action1",
          "formats": [{"display": "Help entry", "representation": "Lorem {{p}}", "match_multiple": true},
                      "plain {{x}}"],
          "ack": {"enabled": false, "extra": {"k": null}}, "extra": {"color": "red"}}]
        """;

    Alias alias =
        AliasCatalogReader.readApiJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "api")
            .get(0);

    assertThat(alias.ref()).isEqualTo("aliases.alias2");
    assertThat(alias.actionRef()).isEqualTo("wolfpack.action1");
    assertThat(alias.formats())
        .containsExactly(
            new AliasFormatSpec("Help entry", List.of("Lorem {{p}}"), true),
            AliasFormatSpec.of("plain {{x}}"));
    assertThat(alias.ack()).containsEntry("enabled", false);
    assertThat(alias.ack().get("extra")).isEqualTo(java.util.Collections.singletonMap("k", null));
    assertThat(alias.extra()).isEqualTo(Map.of("color", "red"));
    assertThat(alias.result()).isEmpty();
  }

  @Test
  void shouldReadAPackDirectoryNamedByPackYaml() throws Exception {
    List<Alias> aliases = AliasCatalogReader.read(resource("/packs/networking_utils"));

    assertThat(aliases)
        .extracting(Alias::ref)
        .containsExactly("networking_utils.geoip", "networking_utils.ping");
    assertThat(aliases.get(0).formats())
        .containsExactly(
            new AliasFormatSpec(
                "geoip <ip_address1,ip_address2,ip_address3>]",
                List.of("geoip {{ip_addresses}}"),
                false));
    assertThat(aliases.get(0).ack()).containsEntry("enabled", false);
    assertThat(aliases.get(1).formats()).hasSize(2);
  }

  @Test
  void shouldReadOneAliasFileAndFindItsPack() throws Exception {
    List<Alias> aliases =
        AliasCatalogReader.read(resource("/packs/networking_utils/aliases/ping.yaml"));

    assertThat(aliases).extracting(Alias::ref).containsExactly("networking_utils.ping");
  }

  @Test
  void shouldReadYamlBooleansAsPyYamlDoes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("off.yaml");
    Files.writeString(file, "pack: demo\nname: off\nenabled: no\nformats: [\"off {{x}}\"]\n");

    assertThat(AliasCatalogReader.read(file).get(0).enabled()).isFalse();
  }

  @Test
  void shouldSayWhereAMalformedAliasIs(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "pack: demo\nname: bad\nformats: [42]\n");
    Path nameless = dir.resolve("nameless.yaml");
    Files.writeString(nameless, "pack: demo\nformats: []\n");

    assertThatThrownBy(() -> AliasCatalogReader.read(file))
        .isInstanceOf(AliasCatalogException.class)
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("neither a string nor an object");
    assertThatThrownBy(() -> AliasCatalogReader.read(nameless))
        .isInstanceOf(AliasCatalogException.class)
        .hasMessageContaining("missing 'name'");
  }
}
