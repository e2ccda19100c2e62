package switchboard.matcher.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import switchboard.matcher.grammar.ParamStream;
import switchboard.matcher.grammar.PythonWhitespace;

/**
 * The production matcher: the same answers as {@link LinearAliasMatcher}, but each command is tried
 * only against the patterns that can match it.
 *
 * <p>The index keys are the command's first two words, and its first word, after st2's own
 * preparation (trailing key=value pairs cut). A pattern whose compiled regex must start with a
 * known text ({@link switchboard.matcher.grammar.CompiledFormat#leadingTexts()}) is filed under
 * that text's first two words when the text goes on past them ("pack install " → "pack install"),
 * since catalogues group many aliases under one leading word (the pack's: "aws ec2 ...", "jira
 * ..."); else under its first word when the text goes on past it ("pack " → "pack"); else under the
 * text itself as a prefix of the first word ("foo" also serves "foobar"). Patterns with no known
 * start (a parameter, a repeat, their own anchor, or leading whitespace first) are always tried. So
 * the per-command cost follows the number of plausible patterns, not the alias count, while the
 * decision itself stays st2's ({@link AliasPatterns#decide}). Immutable and thread-safe.
 */
public final class IndexedAliasMatcher implements AliasMatcher {

  private final AliasPatterns patterns;
  private final Map<String, List<AliasPatterns.Pattern>> byFirstTwoWords = new HashMap<>();
  private final Map<String, List<AliasPatterns.Pattern>> byFirstWord = new HashMap<>();
  private final Map<String, List<AliasPatterns.Pattern>> byWordPrefix = new HashMap<>();
  private final List<AliasPatterns.Pattern> alwaysTried = new ArrayList<>();
  private final int longestPrefix;

  /** Compiles and indexes {@code aliases} once; see {@link #problems()} for the ones left out. */
  public IndexedAliasMatcher(Collection<Alias> aliases) {
    this(aliases, DEFAULT_SUGGESTIONS);
  }

  /** As above, with at most {@code suggestionLimit} suggestions per {@code NoMatch}. */
  public IndexedAliasMatcher(Collection<Alias> aliases, int suggestionLimit) {
    this.patterns = AliasPatterns.compile(aliases, suggestionLimit);
    int longest = 0;
    for (AliasPatterns.Pattern p : patterns.all()) {
      List<String> texts = p.format().leadingTexts();
      if (texts.isEmpty()) {
        alwaysTried.add(p);
      }
      for (String text : texts) {
        String word = PythonWhitespace.firstWord(text);
        String twoWords = PythonWhitespace.firstTwoWords(text);
        if (text.isEmpty() || PythonWhitespace.isSpace(text.charAt(0))) {
          // "^\s*" before the text may give back the space, so no word boundary can be trusted.
          alwaysTried.add(p);
        } else if (!twoWords.isEmpty() && twoWords.length() < text.length()) {
          file(byFirstTwoWords, twoWords, p);
        } else if (word.length() < text.length()) {
          file(byFirstWord, word, p);
        } else {
          file(byWordPrefix, text, p);
          longest = Math.max(longest, text.length());
        }
      }
    }
    this.longestPrefix = longest;
  }

  private static void file(
      Map<String, List<AliasPatterns.Pattern>> index, String key, AliasPatterns.Pattern p) {
    List<AliasPatterns.Pattern> bucket = index.computeIfAbsent(key, k -> new ArrayList<>());
    // Several texts of one pattern may share a key, e.g. "(show|sh) " gives "show" once only.
    if (bucket.isEmpty() || bucket.get(bucket.size() - 1) != p) {
      bucket.add(p);
    }
  }

  @Override
  public MatchResult match(String command) {
    ParamStream stream = AliasPatterns.prepare(command);
    if (stream == null) {
      return AliasPatterns.tooComplex(command);
    }
    String word = stream.firstWord();
    List<AliasPatterns.Pattern> candidates = new ArrayList<>(alwaysTried);
    candidates.addAll(
        byFirstTwoWords.getOrDefault(PythonWhitespace.firstTwoWords(stream.stream()), List.of()));
    candidates.addAll(byFirstWord.getOrDefault(word, List.of()));
    for (int end = 1; end <= Math.min(word.length(), longestPrefix); end++) {
      candidates.addAll(byWordPrefix.getOrDefault(word.substring(0, end), List.of()));
    }
    candidates.sort(Comparator.comparingInt(AliasPatterns.Pattern::ordinal));
    List<AliasPatterns.Pattern> unique = new ArrayList<>(candidates.size());
    for (AliasPatterns.Pattern p : candidates) {
      if (unique.isEmpty() || unique.get(unique.size() - 1) != p) {
        unique.add(p);
      }
    }
    return patterns.decide(stream, unique);
  }

  /** Enabled aliases left out because a format does not compile; never null. */
  public List<FormatProblem> problems() {
    return patterns.problems();
  }
}
