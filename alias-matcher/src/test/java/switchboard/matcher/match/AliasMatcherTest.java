package switchboard.matcher.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import switchboard.matcher.match.MatchResult.Ambiguous;
import switchboard.matcher.match.MatchResult.Matched;
import switchboard.matcher.match.MatchResult.NoMatch;

/** st2's match semantics (contract §3.2), for both matchers. */
class AliasMatcherTest {

  static Stream<Named<Function<Collection<Alias>, AliasMatcher>>> matchers() {
    return Stream.of(
        Named.of("linear", LinearAliasMatcher::new), Named.of("indexed", IndexedAliasMatcher::new));
  }

  private static final Alias PING =
      Alias.of(
          "networking_utils",
          "ping",
          AliasFormatSpec.of("ping {{ host }} count {{ count }}"),
          AliasFormatSpec.of("ping {{ host }}"));

  private static final Alias RUN =
      Alias.of("examples", "remote_shell_cmd", AliasFormatSpec.of("run {{cmd}} on {{hosts}}"));

  private static Alias fixes(String name) {
    return Alias.of(
        "jira",
        name,
        new AliasFormatSpec(
            "fixes <issue>",
            List.of("(?:\\b|^)fixes (?P<issue_key>[A-Z][A-Z0-9]+-[0-9]+)(?:\\b|$)"),
            true));
  }

  private static Alias disabled(Alias alias) {
    return new Alias(
        alias.ref(),
        alias.pack(),
        alias.name(),
        alias.description(),
        false,
        alias.actionRef(),
        alias.formats(),
        alias.ack(),
        alias.result(),
        alias.extra(),
        null);
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldMatchOneRepresentationWithItsParameters(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    MatchResult result = matcher.apply(List.of(PING, RUN)).match("run date on web1");

    assertThat(result)
        .isEqualTo(
            new Matched(
                RUN,
                "run {{cmd}} on {{hosts}}",
                "run {{cmd}} on {{hosts}}",
                Map.of("cmd", "date", "hosts", "web1"),
                List.of(Map.of("cmd", "date", "hosts", "web1"))));
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldReportAmbiguityWhenTwoFormatsOfOneAliasMatch(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    MatchResult result = matcher.apply(List.of(PING, RUN)).match("ping 8.8.8.8 count 3");

    assertThat(result).isInstanceOf(Ambiguous.class);
    Ambiguous ambiguous = (Ambiguous) result;
    assertThat(ambiguous.candidates())
        .extracting(Ambiguous.Candidate::representation)
        .containsExactly("ping {{ host }} count {{ count }}", "ping {{ host }}");
    assertThat(ambiguous.multiple()).isFalse();
    assertThat(ambiguous.st2Faultstring())
        .isEqualTo("Command 'ping 8.8.8.8 count 3' matched more than 1 pattern");
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldSkipDisabledAliases(Function<Collection<Alias>, AliasMatcher> matcher) {
    MatchResult result = matcher.apply(List.of(disabled(RUN))).match("run date on web1");

    assertThat(result).isInstanceOf(NoMatch.class);
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldGiveSt2NoMatchFaultstringVerbatim(Function<Collection<Alias>, AliasMatcher> matcher) {
    NoMatch result = (NoMatch) matcher.apply(List.of(RUN)).match("hello donny");

    assertThat(result.st2Faultstring()).isEqualTo("Command 'hello donny' matched no patterns");
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldTryMatchMultipleAliasesOnlyInTheSecondPass(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    Alias anything = Alias.of("catch", "all", AliasFormatSpec.of("{{text}}"));
    String command = "JKROWLING-4 fixes JRRTOLKIEN-24 which fixes DRSEUSS-12";

    MatchResult firstPassWins = matcher.apply(List.of(fixes("f1"), anything)).match(command);
    MatchResult secondPass = matcher.apply(List.of(fixes("f1"))).match(command);

    assertThat(firstPassWins).isInstanceOf(Matched.class);
    assertThat(((Matched) firstPassWins).alias()).isEqualTo(anything);
    assertThat(secondPass).isInstanceOf(Matched.class);
    assertThat(((Matched) secondPass).parameters()).isEqualTo(Map.of("issue_key", "JRRTOLKIEN-24"));
    assertThat(((Matched) secondPass).allParameters())
        .containsExactly(Map.of("issue_key", "JRRTOLKIEN-24"), Map.of("issue_key", "DRSEUSS-12"));
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldReportMultiAmbiguityInTheSecondPass(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    Ambiguous result =
        (Ambiguous) matcher.apply(List.of(fixes("f1"), fixes("f2"))).match("x fixes AB-1");

    assertThat(result.multiple()).isTrue();
    assertThat(result.st2Faultstring())
        .isEqualTo("Command 'x fixes AB-1' matched more than 1 (multi) pattern");
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldKeepAnAliasMixingFlaggedAndUnflaggedFormatsInTheFirstPassWithAllItsFormats(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    Alias mixed =
        new Alias(
            null,
            "jira",
            "mixed",
            null,
            true,
            null,
            List.of(
                AliasFormatSpec.of("hello {{x}}"),
                new AliasFormatSpec(null, List.of("(?:\\b|^)ticket (?P<id>\\d+)(?:\\b|$)"), true)),
            null,
            null,
            null,
            null);
    Alias plain = Alias.of("jira", "plain", AliasFormatSpec.of("ticket {{n}}"));

    MatchResult result = matcher.apply(List.of(mixed, plain)).match("ticket 5");

    assertThat(result).isInstanceOf(Ambiguous.class);
    assertThat(((Ambiguous) result).multiple()).isFalse();
    assertThat(((Ambiguous) result).candidates())
        .extracting(c -> c.alias().name(), Ambiguous.Candidate::display)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("mixed", null),
            org.assertj.core.groups.Tuple.tuple("plain", "ticket {{n}}"));
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldCountARepeatedRepresentationOfOneAliasTwice(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    // scalyr.scalyr_timeseries_query lists "scalyr ts {{ filter }}" twice.
    Alias scalyr =
        Alias.of(
            "scalyr",
            "scalyr_timeseries_query",
            AliasFormatSpec.of("scalyr ts {{ filter }}"),
            AliasFormatSpec.of("scalyr ts {{ filter }}"));

    assertThat(matcher.apply(List.of(scalyr)).match("scalyr ts errors"))
        .isInstanceOf(Ambiguous.class);
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldMatchAPairsOnlyCommandWithADisplayOnlyFormat(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    Alias displayOnly =
        Alias.of("misc", "settings", new AliasFormatSpec("set things with key=value", null, false));

    Matched result = (Matched) matcher.apply(List.of(displayOnly, RUN)).match("a=b c=\"d e\"");

    assertThat(result.representation()).isEmpty();
    assertThat(result.parameters()).isEqualTo(Map.of("a", "b", "c", "d e"));
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldMatchFormatsThatStartWithAParameter(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    Alias captain =
        Alias.of("firefly", "captain", AliasFormatSpec.of("{{ captain }} is my captain"));

    Matched result =
        (Matched) matcher.apply(List.of(RUN, captain)).match("Malcolm Reynolds is my captain");

    assertThat(result.parameters()).isEqualTo(Map.of("captain", "Malcolm Reynolds"));
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldLeaveOutAndReportAnAliasWhoseFormatDoesNotCompile(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    Alias vyatta =
        Alias.of(
            "vyatta",
            "cfg_interface",
            AliasFormatSpec.of(
                "(configure|cfg) interface on device {{deviceIP}}: {{intfType}} {{intfType}} {{address}}"),
            AliasFormatSpec.of("cfg loopback {{deviceIP}}"));

    AliasMatcher built = matcher.apply(List.of(vyatta, RUN));
    List<FormatProblem> problems =
        built instanceof IndexedAliasMatcher indexed
            ? indexed.problems()
            : ((LinearAliasMatcher) built).problems();

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).aliasRef()).isEqualTo("vyatta.cfg_interface");
    assertThat(problems.get(0).reason()).startsWith("redefinition of group name 'intfType'");
    assertThat(built.match("cfg loopback 10.0.0.1")).isInstanceOf(NoMatch.class);
    assertThat(built.match("run date on web1")).isInstanceOf(Matched.class);
  }

  @ParameterizedTest
  @MethodSource("matchers")
  void shouldRefuseRatherThanCrashOnACommandWithThousandsOfPairs(
      Function<Collection<Alias>, AliasMatcher> matcher) {
    String command = "run date on web1" + " a=b".repeat(5000);

    assertThat(matcher.apply(List.of(RUN)).match(command))
        .isEqualTo(new NoMatch(command, List.of()));
  }
}
