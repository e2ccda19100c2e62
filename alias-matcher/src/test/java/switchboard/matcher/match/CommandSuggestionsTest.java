package switchboard.matcher.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import switchboard.matcher.match.MatchResult.NoMatch;

class CommandSuggestionsTest {

  private static final Alias PING =
      Alias.of(
          "networking_utils",
          "ping",
          AliasFormatSpec.of("ping {{ host }} count {{ count }}"),
          AliasFormatSpec.of("ping {{ host }}"));
  private static final Alias PACK_INSTALL =
      Alias.of(
          "packs",
          "pack_install",
          new AliasFormatSpec(
              "pack install <pack_name>", List.of("pack install {{ packs }}"), false));
  private static final Alias PACK_SEARCH =
      Alias.of(
          "packs",
          "pack_search",
          new AliasFormatSpec("pack search <query>", List.of("pack search {{ query }}"), false));
  private static final Alias HIDDEN =
      Alias.of("packs", "hidden", new AliasFormatSpec(null, List.of("pack hidden {{ x }}"), false));

  private static List<String> suggestions(String command, int limit) {
    NoMatch result =
        (NoMatch)
            new IndexedAliasMatcher(List.of(PING, PACK_INSTALL, PACK_SEARCH, HIDDEN), limit)
                .match(command);
    return result.suggestions().stream().map(NoMatch.Suggestion::display).toList();
  }

  @Test
  void shouldSuggestTheClosestCommandsFirst() {
    assertThat(suggestions("pack instal", 3))
        .containsExactly("pack install <pack_name>", "pack search <query>");
  }

  @Test
  void shouldForgiveOneTypoInLongerWords() {
    assertThat(suggestions("pign", 3))
        .containsExactly("ping {{ host }}", "ping {{ host }} count {{ count }}");
    assertThat(suggestions("pakc serach st2", 3))
        .containsExactly("pack search <query>", "pack install <pack_name>");
    assertThat(suggestions("lst", 3)).isEmpty();
    assertThat(suggestions("cuont", 3)).containsExactly("ping {{ host }} count {{ count }}");
  }

  @Test
  void shouldKeepToTheLimitAndSuggestNothingUnrelated() {
    assertThat(suggestions("pack", 1)).containsExactly("pack install <pack_name>");
    assertThat(suggestions("weather in paris", 3)).isEmpty();
    assertThat(suggestions("", 3)).isEmpty();
  }

  @Test
  void shouldNeverSuggestFormatsWithoutADisplay() {
    assertThat(suggestions("hiden packs please", 5))
        .containsExactly("pack install <pack_name>", "pack search <query>");
  }

  @Test
  void shouldAcceptOnlyOneEdit() {
    assertThat(CommandSuggestions.withinOneEdit("search", "serach")).isTrue();
    assertThat(CommandSuggestions.withinOneEdit("search", "searc")).isTrue();
    assertThat(CommandSuggestions.withinOneEdit("search", "seerch")).isTrue();
    assertThat(CommandSuggestions.withinOneEdit("search", "sarch")).isTrue();
    assertThat(CommandSuggestions.withinOneEdit("search", "sraech")).isFalse();
  }
}
