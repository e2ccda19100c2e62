package switchboard.matcher.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import switchboard.matcher.match.MatchResult.NoMatch.Suggestion;

/**
 * "Did you mean" for commands that matched nothing (st2 has no such thing; its 400 lists no
 * candidates). A help line is suggested when at least one of its literal words appears in the
 * command, exactly or with one typo (one character inserted, deleted, replaced, or two adjacent
 * ones swapped; words of four letters or more). Lines sharing more words rank first, then lines
 * with fewer words left unmatched, then alias order.
 *
 * <p>An inverted index over the words and their one-deletion variants (the symmetric-deletion
 * trick) finds the lines sharing a word, so the cost follows the command, not the alias count. Pure
 * and deterministic.
 */
final class CommandSuggestions {

  /** Placeholders in help lines: {@code {{ x }}} and {@code <x>}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}|<[^>]*>");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]*");

  /** Shorter words must match exactly: one typo in "ls" or "get" is another word. */
  private static final int TYPO_MIN_LENGTH = 4;

  /** A command's words beyond this are ignored; chat commands are short. */
  private static final int MAX_COMMAND_WORDS = 32;

  /**
   * A word shared by very many lines ("on", "get") finds only the first ones in alias order, so a
   * miss costs the same with 100 or 100,000 aliases.
   */
  private static final int MAX_LINES_PER_WORD = 256;

  private record Line(int ordinal, Alias alias, String display, List<String> words) {}

  private final Map<String, List<Line>> byKey = new HashMap<>();
  private final int limit;

  CommandSuggestions(List<Alias> aliases, int limit) {
    this.limit = limit;
    int ordinal = 0;
    for (Alias alias : aliases) {
      for (AliasFormatSpec spec : alias.formats()) {
        if (!spec.hasDisplay()) {
          continue;
        }
        List<String> words = words(PLACEHOLDER.matcher(spec.display()).replaceAll(" "));
        Line line = new Line(ordinal++, alias, spec.display(), words);
        Set<String> keys = new LinkedHashSet<>();
        for (String word : words) {
          keys.add(word);
          if (word.length() >= TYPO_MIN_LENGTH) {
            keys.addAll(deletions(word));
          }
        }
        keys.forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(line));
      }
    }
  }

  List<Suggestion> suggest(String command) {
    List<String> commandWords = words(command == null ? "" : command);
    if (commandWords.size() > MAX_COMMAND_WORDS) {
      commandWords = commandWords.subList(0, MAX_COMMAND_WORDS);
    }
    Map<Integer, Line> candidates = new TreeMap<>();
    for (String word : commandWords) {
      probe(word, candidates);
      if (word.length() >= TYPO_MIN_LENGTH) {
        deletions(word).forEach(variant -> probe(variant, candidates));
      }
    }
    record Scored(Line line, int matched, int unmatched) {}
    List<Scored> scored = new ArrayList<>();
    for (Line line : candidates.values()) {
      int matched = 0;
      for (String word : line.words()) {
        if (matchesAny(word, commandWords)) {
          matched++;
        }
      }
      if (matched > 0) {
        scored.add(new Scored(line, matched, line.words().size() - matched));
      }
    }
    return scored.stream()
        .sorted(
            Comparator.comparingInt((Scored s) -> -s.matched())
                .thenComparingInt(Scored::unmatched)
                .thenComparingInt(s -> s.line().ordinal()))
        .limit(limit)
        .map(s -> new Suggestion(s.line().alias(), s.line().display()))
        .toList();
  }

  private void probe(String key, Map<Integer, Line> candidates) {
    List<Line> lines = byKey.getOrDefault(key, List.of());
    for (Line line : lines.subList(0, Math.min(lines.size(), MAX_LINES_PER_WORD))) {
      candidates.put(line.ordinal(), line);
    }
  }

  private static boolean matchesAny(String word, List<String> commandWords) {
    for (String candidate : commandWords) {
      if (candidate.equals(word)
          || (word.length() >= TYPO_MIN_LENGTH && withinOneEdit(candidate, word))) {
        return true;
      }
    }
    return false;
  }

  /** Lower-case words of letters and digits (with inner '-' and '_'), each once, in order. */
  static List<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String word = m.group().replaceAll("[-_]+$", "");
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return List.copyOf(words);
  }

  private static List<String> deletions(String word) {
    List<String> variants = new ArrayList<>(word.length());
    for (int i = 0; i < word.length(); i++) {
      variants.add(word.substring(0, i) + word.substring(i + 1));
    }
    return variants;
  }

  /** Optimal string alignment distance of at most 1 (adjacent swap counts as one edit). */
  static boolean withinOneEdit(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i == Math.min(la, lb)) {
      return true;
    }
    if (la == lb) {
      return a.substring(i + 1).equals(b.substring(i + 1))
          || (i + 1 < la
              && a.charAt(i) == b.charAt(i + 1)
              && a.charAt(i + 1) == b.charAt(i)
              && a.substring(i + 2).equals(b.substring(i + 2)));
    }
    return la > lb
        ? a.substring(i + 1).equals(b.substring(i))
        : a.substring(i).equals(b.substring(i + 1));
  }
}
