package switchboard.matcher.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class PythonRegexTranslatorTest {

  private static TranslatedRegex translate(String python) throws AliasFormatException {
    return PythonRegexTranslator.translate(python, Set.of(PythonFlag.DOTALL));
  }

  private static boolean finds(String python, String text) throws AliasFormatException {
    return translate(python).pattern().matcher(text).find();
  }

  @Test
  void shouldMapUnderscoredGroupNamesToSyntheticJavaNames() throws Exception {
    TranslatedRegex regex = translate("(?P<issue_key>[A-Z]+-\\d+) (?P<ip_address>\\S+)");

    assertThat(regex.groupNames())
        .containsExactly(
            java.util.Map.entry("issue_key", "g1"), java.util.Map.entry("ip_address", "g2"));
    Matcher m = regex.pattern().matcher("JIRA-12 10.0.0.1");
    assertThat(m.matches()).isTrue();
    assertThat(m.group(regex.groupNames().get("issue_key"))).isEqualTo("JIRA-12");
    assertThat(m.group(regex.groupNames().get("ip_address"))).isEqualTo("10.0.0.1");
  }

  @Test
  void shouldTranslateNamedBackreference() throws Exception {
    TranslatedRegex regex = translate("(?P<a_b>x+)-(?P=a_b)");

    assertThat(regex.pattern().matcher("xx-xx").matches()).isTrue();
    assertThat(regex.pattern().matcher("xx-x").matches()).isFalse();
  }

  @Test
  void shouldKeepNumberedBackreferenceApartFromFollowingDigits() throws Exception {
    assertThat(translate("(a)\\1[1]").pattern().matcher("aa1").matches()).isTrue();
  }

  @Test
  void shouldEscapeBareBracesThatAreNotQuantifiers() throws Exception {
    assertThat(finds("^{.+?}$", "{\"a\": 1}")).isTrue();
    assertThat(finds("^x{}$", "x{}")).isTrue();
    assertThat(finds("^x{3$", "x{3")).isTrue();
    assertThat(finds("^x{a}$", "x{a}")).isTrue();
  }

  @Test
  void shouldKeepBracesThatAreQuantifiersIncludingPythonOnlyForms() throws Exception {
    assertThat(finds("^a{2}$", "aa")).isTrue();
    assertThat(finds("^a{,2}b$", "aab")).isTrue();
    assertThat(finds("^a{,2}b$", "aaab")).isFalse();
    assertThat(finds("^a{,}$", "aaaa")).isTrue();
  }

  @Test
  void shouldMatchPythonWhitespaceNotJavaWhitespace() throws Exception {
    assertThat(finds("^a\\sb$", "a\u001cb")).isTrue();
    assertThat(finds("^a\\sb$", "a\u00a0b")).isTrue();
    assertThat(finds("^a\\Sb$", "a\u00a0b")).isFalse();
    assertThat(finds("^[\\s]$", "\u3000")).isTrue();
    assertThat(finds("^[^\\S]$", "\u2028")).isTrue();
  }

  @Test
  void shouldMatchPythonWordCharactersAndBoundaries() throws Exception {
    assertThat(finds("^\\w+$", "café²_7")).isTrue();
    assertThat(finds("\\bfoo\\b", "a foo.")).isTrue();
    assertThat(finds("\\bfoo\\b", "afoo")).isFalse();
    assertThat(finds("(?a)^\\w$", "é")).isFalse();
  }

  @Test
  void shouldReadDollarAndBackslashZAsPythonDoes() throws Exception {
    assertThat(finds("a$", "a\n")).isTrue();
    assertThat(finds("a$", "a\r")).isFalse();
    assertThat(finds("a$", "a\u2028")).isFalse();
    assertThat(finds("a\\Z", "a\n")).isFalse();
    assertThat(finds("(?m)^b$", "a\nb\nc")).isTrue();
  }

  @Test
  void shouldApplyIgnoreCaseToUnicodeLetters() throws Exception {
    TranslatedRegex regex = PythonRegexTranslator.translate("café", Set.of(PythonFlag.IGNORECASE));

    assertThat(regex.pattern().matcher("CAFÉ").find()).isTrue();
    assertThat(finds("caf(?i:É)", "café")).isTrue();
    assertThat(finds("café", "CAFÉ")).isFalse();
  }

  @Test
  void shouldHonourVerboseModeAndComments() throws Exception {
    assertThat(finds("(?x) ^ a b  # a comment\n $", "ab")).isTrue();
    assertThat(finds("^a(?#note)b$", "ab")).isTrue();
  }

  @Test
  void shouldRejectWhatPythonRejectsWithPythonsMessage() {
    assertReason("foo\\e", "bad escape \\e at position 3");
    assertReason("(?P<1st>a)", "bad character in group name '1st' at position 4");
    assertReason(
        "(?P<x>a)(?P<x>b)",
        "redefinition of group name 'x' as group 2; was group 1 at position 12");
    assertReason("(?<=a+)b", "look-behind requires fixed-width pattern");
    assertReason("a**", "multiple repeat at position 2");
    assertReason("^*", "nothing to repeat at position 1");
    assertReason("a(?i)b", "global flags not at the start of the expression at position 1");
    assertReason("[z-a]", "bad character range z-a at position 1");
    assertReason("(a", "missing ), unterminated subpattern at position 0");
    assertReason("a)", "unbalanced parenthesis at position 1");
    assertReason("(?P=nope)", "unknown group name 'nope' at position 4");
  }

  @Test
  void shouldRejectConditionalGroupsThatJavaCannotExpress() {
    assertThatThrownBy(() -> translate("(a)?(?(1)b|c)"))
        .isInstanceOf(AliasFormatException.class)
        .hasMessageContaining("no java.util.regex equivalent");
  }

  private static void assertReason(String python, String reason) {
    assertThatThrownBy(() -> translate(python))
        .isInstanceOfSatisfying(
            AliasFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
