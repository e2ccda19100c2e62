package switchboard.matcher.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;

class AliasHelpTest {

  private static final Alias PING =
      new Alias(
          null,
          "networking_utils",
          "ping",
          "Ping a host",
          true,
          null,
          List.of(
              AliasFormatSpec.of("ping {{ host }} count {{ count }}"),
              AliasFormatSpec.of("ping {{ host }}")),
          null,
          null,
          null,
          null);
  private static final Alias PACK_GET =
      new Alias(
          null,
          "packs",
          "pack_get",
          "Get pack info",
          true,
          null,
          List.of(
              new AliasFormatSpec("pack get <pack>", List.of("pack get {{ pack }}"), false),
              new AliasFormatSpec(null, List.of("pack show {{ pack }}"), false)),
          null,
          null,
          null,
          null);
  private static final Alias DISABLED =
      new Alias(
          null,
          "packs",
          "gone",
          null,
          false,
          null,
          List.of(AliasFormatSpec.of("gone")),
          null,
          null,
          null,
          null);
  private static final List<Alias> ALIASES = List.of(PING, DISABLED, PACK_GET);

  private static HelpPage page(HelpRequest request) {
    return (HelpPage) AliasHelp.help(ALIASES, request);
  }

  @Test
  void shouldListEnabledFormatsWithADisplayInPackAndNameOrder() {
    HelpPage page = page(new HelpRequest(null, null, 0, 0));

    assertThat(page.available()).isEqualTo(3);
    assertThat(page.entries())
        .containsExactly(
            new HelpEntry("networking_utils", "ping {{ host }} count {{ count }}", "Ping a host"),
            new HelpEntry("networking_utils", "ping {{ host }}", "Ping a host"),
            new HelpEntry("packs", "pack get <pack>", "Get pack info"));
  }

  @Test
  void shouldFilterByExactPackAndCaseInsensitiveRegexSearch() {
    assertThat(page(new HelpRequest("packs", null, 0, 0)).entries())
        .extracting(HelpEntry::display)
        .containsExactly("pack get <pack>");
    assertThat(page(new HelpRequest("pack", null, 0, 0)).available()).isZero();
    assertThat(page(new HelpRequest(null, "COUNT", 0, 0)).entries())
        .extracting(HelpEntry::display)
        .containsExactly("ping {{ host }} count {{ count }}");
    assertThat(page(new HelpRequest(null, "^p\\w+ (get|\\{\\{)", 0, 0)).available()).isEqualTo(3);
  }

  @Test
  void shouldCountEveryMatchAsAvailableButReturnOnlyThePage() {
    HelpPage page = page(new HelpRequest(null, null, 1, 1));

    assertThat(page.available()).isEqualTo(3);
    assertThat(page.entries()).extracting(HelpEntry::display).containsExactly("ping {{ host }}");
    assertThat(page(new HelpRequest(null, null, 2, 0)).entries()).hasSize(1);
    assertThat(page(new HelpRequest(null, null, 0, 2)).entries()).hasSize(2);
  }

  @Test
  void shouldAnswerAnInvalidFilterWithItsReason() {
    HelpResult result = AliasHelp.help(ALIASES, new HelpRequest(null, "ping (", 0, 0));

    assertThat(result)
        .isEqualTo(
            new HelpResult.InvalidFilter(
                "ping (", "missing ), unterminated subpattern at position 5"));
  }
}
