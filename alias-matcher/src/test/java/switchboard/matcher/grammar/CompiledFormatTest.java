package switchboard.matcher.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompiledFormatTest {

  @Test
  void shouldExtractDefaultWhenOptionalMacroMissing() throws Exception {
    CompiledFormat format = CompiledFormat.compile("run {{cmd}} {{hosts=localhost}}");

    assertThat(format.parse("run date"))
        .containsExactly(entry("cmd", "date"), entry("hosts", "localhost"));
    assertThat(format.parse("run date web1")).containsEntry("hosts", "web1");
  }

  @Test
  void shouldStripQuotesFromDefaultsAndKeepNestedTemplatesUnrendered() throws Exception {
    assertThat(AliasFormatParser.parse("set {{ a = 'quoted default' }}", "set"))
        .containsExactly(entry("a", "quoted default"));
    assertThat(AliasFormatParser.parse("set {{ p = {{ e.i }} }}", "set"))
        .containsExactly(entry("p", "{{ e.i }}"));
  }

  @Test
  void shouldLetTrailingPairsOverridePositionalValues() throws Exception {
    assertThat(
            AliasFormatParser.parse(
                "run {{cmd}} on {{hosts}}", "run date on h1 cmd=uptime x=\"a b\""))
        .containsExactly(entry("cmd", "uptime"), entry("hosts", "h1"), entry("x", "a b"));
  }

  @Test
  void shouldCutEveryOccurrenceOfTheTrailingPairsLikePythonStrReplace() throws Exception {
    // Computed with st2's parser: " b=1" is removed from the middle too.
    assertThat(AliasFormatParser.parse("run {{x}}", "run a b=1 c b=1"))
        .containsExactly(entry("x", "a c"), entry("b", "1"));
  }

  @Test
  void shouldRefuseACommandWithNoValueAtAll() throws Exception {
    // Computed with st2's parser: an empty default and an empty command leave nothing.
    assertThatThrownBy(() -> AliasFormatParser.parse("{{ a = \"\" }}", "b=\"\""))
        .isInstanceOf(AliasParseException.class)
        .hasMessage("No value supplied and no default value found.");
    assertThatThrownBy(() -> AliasFormatParser.parse("(?P<a>x*)", ""))
        .hasMessage("No value supplied and no default value found.");
    // ... but the padding space st2 adds is a value for a lone parameter.
    assertThat(AliasFormatParser.parse("{{a}}", " ")).containsExactly(entry("a", " "));
    assertThat(AliasFormatParser.parse("foo", "foo")).isEmpty();
  }

  @Test
  void shouldInspectOnlyTheSecondAlternativeForAnAnchorLikeSt2() throws Exception {
    String command = "JKROWLING-4 fixes JRRTOLKIEN-24";

    assertThatThrownBy(
            () ->
                AliasFormatParser.parse(
                    "(?:^|\\b)fixes (?P<issue_key>[A-Z][A-Z0-9]+-[0-9]+)(?:\\b|$)", command))
        .isInstanceOf(AliasParseException.class);
    assertThat(
            AliasFormatParser.parse(
                "(?:\\b|^)fixes (?P<issue_key>[A-Z][A-Z0-9]+-[0-9]+)(?:\\b|$)", command))
        .containsExactly(entry("issue_key", "JRRTOLKIEN-24"));
  }

  @Test
  void shouldReturnOneMapPerOccurrenceForMatchMultiple() throws Exception {
    String format = "(?:\\b|^)ticket (?P<id>\\d+)(?:\\b|$)";

    assertThat(AliasFormatParser.parseMultiple(format, "ticket 1 and ticket 22"))
        .containsExactly(Map.of("id", "1"), Map.of("id", "22"));
    assertThat(AliasFormatParser.parseMultiple(format, "no tickets")).isEmpty();
  }

  @Test
  void shouldReadNullLikeSt2None() throws Exception {
    assertThat(AliasFormatParser.parse(null, null)).isEmpty();
    assertThat(CompiledFormat.compile(null).format()).isEmpty();
  }

  @Test
  void shouldReportTheLiteralStartOfAFormat() throws Exception {
    assertThat(CompiledFormat.compile("pack install {{ packs }}").leadingTexts())
        .containsExactly("pack install ");
    assertThat(CompiledFormat.compile("(show|sh) bgp on {{d}}").leadingTexts())
        .containsExactly("sh bgp on ", "show bgp on ");
    assertThat(CompiledFormat.compile("^\\s*foo (?P<k>\\d+)").leadingTexts())
        .containsExactly("foo ");
    assertThat(CompiledFormat.compile("aws").leadingTexts()).containsExactly("aws");
  }

  @Test
  void shouldLeaveTheStartUnknownWhenItIsNotPlainLiteralText() throws Exception {
    assertThat(CompiledFormat.compile("{{captain}} is my captain").leadingTexts()).isEmpty();
    assertThat(CompiledFormat.compile("(create )?vm {{x}}").leadingTexts()).isEmpty();
    assertThat(CompiledFormat.compile("(?:\\b|^)fixes (?P<k>\\d+)").leadingTexts()).isEmpty();
    assertThat(CompiledFormat.compile("").leadingTexts()).isEmpty();
  }

  @Test
  void shouldRejectFormatsSt2CannotCompile() {
    assertThatThrownBy(() -> CompiledFormat.compile("{{x}} and {{x}}"))
        .isInstanceOf(AliasFormatException.class)
        .hasMessageContaining("redefinition of group name 'x'");
    assertThatThrownBy(() -> CompiledFormat.compile("run {{cmd}} {{args=}}"))
        .isInstanceOf(AliasFormatException.class)
        .hasMessageContaining("bad character in group name 'args='");
    // The default spans a line: st2 finds it but cannot substitute it, then fails with KeyError.
    assertThatThrownBy(() -> CompiledFormat.compile("set {{ a = x\ny }}"))
        .isInstanceOfSatisfying(
            AliasFormatException.class, e -> assertThat(e.reason()).contains("KeyError"));
  }

  @Test
  void shouldReportAnUncompilableFormatThroughTheStaticParserWithItsCause() {
    assertThatThrownBy(() -> AliasFormatParser.parse("foo\\e", "foo"))
        .isInstanceOf(AliasParseException.class)
        .hasCauseInstanceOf(AliasFormatException.class);
  }

  @Test
  void shouldMatchWithoutThrowing() throws Exception {
    CompiledFormat format = CompiledFormat.compile("ping {{ host }}");

    assertThat(format.matches("ping 8.8.8.8")).isTrue();
    assertThat(format.matches("pong 8.8.8.8")).isFalse();
    assertThat(format.tryParse(ParamStream.of("ping h"))).contains(Map.of("host", "h"));
  }
}
