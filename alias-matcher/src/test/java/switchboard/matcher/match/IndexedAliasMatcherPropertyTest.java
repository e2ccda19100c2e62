package switchboard.matcher.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import switchboard.matcher.catalog.AliasCatalogReader;

/**
 * The indexed matcher must give exactly the linear scan's answers (same decision, candidates,
 * parameters and suggestions) on random and adversarial commands, over the Apache-2.0 exchange
 * aliases plus generated ones.
 */
class IndexedAliasMatcherPropertyTest {

  private static final int COMMANDS_PER_SEED = 300;
  private static final Pattern MACRO = Pattern.compile("\\{\\{.*?}}");
  private static final Pattern ALTERNATION = Pattern.compile("\\(([^()|]*)\\|([^()]*)\\)\\??");
  private static final String[] VALUES = {
    "val",
    "two words",
    "\"quoted value\"",
    "'single q'",
    "{\"a\": 1}",
    "x=y",
    "8.8.8.8",
    "café",
    "a\nb",
    "",
    "AB-12",
    "42",
    "ünïcödé",
    "😀"
  };
  private static final String[] TAILS = {
    "",
    " a=b",
    " limit=2 pack=\"x y\"",
    " k={\"a\": \"b c\"}",
    " x=\"\"",
    " cmd=override",
    "  ",
    "\n"
  };

  private static List<Alias> exchange;
  private static final Map<String, Integer> outcomes = new HashMap<>();

  @BeforeAll
  static void readExchangeAliases() throws IOException {
    try (InputStream in =
        IndexedAliasMatcherPropertyTest.class.getResourceAsStream(
            "/exchange/st2-exchange-aliases-apache.json")) {
      exchange = AliasCatalogReader.readApiJson(in, "exchange");
    }
  }

  static IntStream seeds() {
    return IntStream.range(1, 13);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void shouldGiveExactlyTheLinearScansAnswers(int seed) {
    Random random = new Random(seed);
    List<Alias> aliases = new ArrayList<>(exchange);
    List<String> words = vocabulary(aliases);
    aliases.addAll(generatedAliases(random, words));
    LinearAliasMatcher linear = new LinearAliasMatcher(aliases);
    IndexedAliasMatcher indexed = new IndexedAliasMatcher(aliases);
    List<String> representations =
        aliases.stream()
            .flatMap(a -> a.formats().stream())
            .flatMap(f -> f.representations().stream())
            .toList();

    assertThat(indexed.problems()).isEqualTo(linear.problems());
    for (int i = 0; i < COMMANDS_PER_SEED; i++) {
      String command = command(random, representations, words);
      MatchResult expected = linear.match(command);

      assertThat(indexed.match(command)).as("command %s", quoted(command)).isEqualTo(expected);
      synchronized (outcomes) {
        outcomes.merge(expected.getClass().getSimpleName(), 1, Integer::sum);
      }
    }
  }

  @Test
  void shouldExerciseEveryKindOfAnswer() {
    shouldGiveExactlyTheLinearScansAnswers(99);

    assertThat(outcomes.keySet()).contains("Matched", "Ambiguous", "NoMatch");
  }

  private static List<String> vocabulary(List<Alias> aliases) {
    Set<String> words = new LinkedHashSet<>();
    for (Alias alias : aliases) {
      for (AliasFormatSpec spec : alias.formats()) {
        for (String representation : spec.representations()) {
          for (String word :
              MACRO.matcher(representation).replaceAll(" ").split("[^\\p{L}\\p{N}-]+")) {
            if (!word.isEmpty()) {
              words.add(word);
            }
          }
        }
      }
    }
    return List.copyOf(words);
  }

  private static List<Alias> generatedAliases(Random random, List<String> words) {
    List<Alias> aliases = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String w1 = pick(random, words);
      String w2 = pick(random, words);
      String format =
          switch (random.nextInt(12)) {
            case 0 -> w1 + " " + w2 + " {{p1}}";
            case 1 -> w1 + " {{p1}} " + w2 + " {{p2=def}}";
            case 2 -> w1 + "( " + w2 + " {{p1}})? {{p2}}";
            case 3 -> "(" + w1 + "|" + w2 + ") {{p}}";
            case 4 -> "{{p}} " + w1 + " " + w2;
            case 5 -> w1 + w2 + " {{p}}";
            case 6 -> w1;
            case 7 -> w1 + "{{p}}";
            case 8 -> "(?:\\b|^)" + w1 + " (?P<id>\\d+)(?:\\b|$)";
            case 9 -> w1 + " {{ a = " + w2 + " }}";
            case 10 -> "^\\s*" + w1 + " (?P<rest>.+)";
            default -> w1.toUpperCase(Locale.ROOT) + " {{p}}";
          };
      boolean multiple = format.startsWith("(?:\\b|^)") && random.nextBoolean();
      List<AliasFormatSpec> formats = new ArrayList<>();
      formats.add(
          random.nextInt(4) == 0
              ? new AliasFormatSpec(w1 + " help text", List.of(format), multiple)
              : new AliasFormatSpec(
                  random.nextBoolean() ? format : null, List.of(format), multiple));
      if (random.nextInt(6) == 0) {
        formats.add(AliasFormatSpec.of(w2 + " {{q}}"));
      }
      if (random.nextInt(30) == 0) {
        formats.add(new AliasFormatSpec("only a display", List.of(), false));
      }
      if (random.nextInt(40) == 0) {
        formats.add(AliasFormatSpec.of("broken {{x}} {{x}}"));
      }
      aliases.add(
          new Alias(
              null,
              "gen",
              "a" + i,
              "generated",
              random.nextInt(10) != 0,
              null,
              formats,
              null,
              null,
              null,
              null));
    }
    return aliases;
  }

  private static String command(Random random, List<String> representations, List<String> words) {
    String command =
        switch (random.nextInt(10)) {
          case 0 -> "";
          case 1 -> pick(random, words) + " " + pick(random, words);
          case 2 -> pick(random, VALUES) + " " + pick(random, words);
          default -> derived(random, pick(random, representations));
        };
    command += pick(random, TAILS);
    return switch (random.nextInt(12)) {
      case 0 -> command.toUpperCase(Locale.ROOT);
      case 1 -> "  " + command.replace(" ", "   ");
      case 2 -> "please " + command;
      case 3 -> command.replaceFirst(" ", "\u00a0");
      case 4 -> command.substring(0, random.nextInt(command.length() + 1));
      case 5 -> command + " \u001c";
      case 6 -> "\t" + command;
      default -> command;
    };
  }

  /** A command a user could have meant for this representation. */
  private static String derived(Random random, String representation) {
    Matcher macros = MACRO.matcher(representation);
    StringBuilder out = new StringBuilder();
    while (macros.find()) {
      macros.appendReplacement(out, Matcher.quoteReplacement(pick(random, VALUES)));
    }
    macros.appendTail(out);
    Matcher alternation = ALTERNATION.matcher(out.toString());
    String text =
        alternation.replaceAll(
            m -> Matcher.quoteReplacement(random.nextBoolean() ? m.group(1) : m.group(2)));
    text = text.replaceAll("\\(\\?P<\\w+>[^)]*\\)", random.nextBoolean() ? "AB-12" : "7");
    return text.replaceAll(
        "\\\\[sbd][+*]?|[()?^$*+\\[\\]|\\\\]", random.nextInt(4) == 0 ? "" : " ");
  }

  private static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private static String pick(Random random, String[] items) {
    return items[random.nextInt(items.length)];
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }
}
