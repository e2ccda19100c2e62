package switchboard.matcher.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What st2's match endpoint would answer for one command (contract §3.2). */
public sealed interface MatchResult
    permits MatchResult.Matched, MatchResult.Ambiguous, MatchResult.NoMatch {

  /**
   * Exactly one representation matched: st2's 200 answer.
   *
   * @param alias never null
   * @param representation the matching format, never null
   * @param display the format's help text; null for a representation-only format object
   * @param parameters what st2's parser extracts; values may be null; never null
   * @param allParameters one map per execution st2's {@code match_and_execute} would schedule:
   *     {@code [parameters]}, or one per occurrence when the format is {@code match_multiple}
   *     (empty if st2 would then refuse with "No value supplied..."); never null
   */
  record Matched(
      Alias alias,
      String representation,
      String display,
      Map<String, String> parameters,
      List<Map<String, String>> allParameters)
      implements MatchResult {

    public Matched {
      parameters = unmodifiable(parameters);
      List<Map<String, String>> copies = new ArrayList<>();
      allParameters.forEach(p -> copies.add(unmodifiable(p)));
      allParameters = List.copyOf(copies);
    }

    private static Map<String, String> unmodifiable(Map<String, String> map) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
  }

  /**
   * More than one representation matched: st2's 400. st2's answer lists no candidates; they are
   * kept here for logs and replies.
   *
   * @param command the command as given, never null
   * @param candidates every matching representation, in alias and format order, never null
   * @param multiple whether this was st2's second pass (match_multiple formats)
   */
  record Ambiguous(String command, List<Candidate> candidates, boolean multiple)
      implements MatchResult {

    public Ambiguous {
      candidates = List.copyOf(candidates);
    }

    /** One matching representation; display is null for a representation-only object. */
    public record Candidate(Alias alias, String representation, String display) {}

    /** st2's exact {@code faultstring} ({@code actionalias_matching.py::get_matching_alias}). */
    public String st2Faultstring() {
      return multiple
          ? "Command '" + command + "' matched more than 1 (multi) pattern"
          : "Command '" + command + "' matched more than 1 pattern";
    }
  }

  /**
   * Nothing matched: st2's 400.
   *
   * @param command the command as given, never null
   * @param suggestions the closest commands, best first, possibly empty, never null
   */
  record NoMatch(String command, List<Suggestion> suggestions) implements MatchResult {

    public NoMatch {
      suggestions = List.copyOf(suggestions);
    }

    /** A help line the user may have meant. */
    public record Suggestion(Alias alias, String display) {}

    /** st2's exact {@code faultstring}. */
    public String st2Faultstring() {
      return "Command '" + command + "' matched no patterns";
    }
  }
}
