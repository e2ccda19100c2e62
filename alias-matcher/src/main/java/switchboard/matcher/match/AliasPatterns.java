package switchboard.matcher.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import switchboard.matcher.grammar.AliasFormatException;
import switchboard.matcher.grammar.AliasParseException;
import switchboard.matcher.grammar.CompiledFormat;
import switchboard.matcher.grammar.ParamStream;
import switchboard.matcher.match.MatchResult.Ambiguous;
import switchboard.matcher.match.MatchResult.Matched;
import switchboard.matcher.match.MatchResult.NoMatch;

/**
 * Every (alias, representation) pair st2 would try, compiled once, with st2's decision rule ({@code
 * actionalias_matching.py::get_matching_alias}, contract §3.2). Both matchers share it, so they
 * differ only in which patterns they try.
 */
final class AliasPatterns {

  /**
   * One pattern. {@code ordinal} is its place in st2's order (alias, format, representation).
   * {@code firstPass}: the alias has a format not flagged match_multiple, so st2's first query
   * returns it with all its formats (inferred, §3.2); {@code secondPass}: it has a flagged one.
   */
  record Pattern(
      int ordinal,
      Alias alias,
      AliasFormatSpec spec,
      String representation,
      CompiledFormat format,
      boolean firstPass,
      boolean secondPass) {}

  private final List<Pattern> patterns;
  private final List<FormatProblem> problems;
  private final CommandSuggestions suggestions;

  private AliasPatterns(
      List<Pattern> patterns, List<FormatProblem> problems, CommandSuggestions suggestions) {
    this.patterns = List.copyOf(patterns);
    this.problems = List.copyOf(problems);
    this.suggestions = suggestions;
  }

  /**
   * Compiles the enabled aliases (st2 queries {@code enabled=True}); an alias with a format that
   * does not compile is left out whole and reported.
   */
  static AliasPatterns compile(Collection<Alias> aliases, int suggestionLimit) {
    Map<String, Object> compiled = new HashMap<>();
    List<Pattern> patterns = new ArrayList<>();
    List<FormatProblem> problems = new ArrayList<>();
    List<Alias> usable = new ArrayList<>();
    for (Alias alias : aliases) {
      if (!alias.enabled()) {
        continue;
      }
      boolean firstPass = alias.formats().stream().anyMatch(f -> !f.matchMultiple());
      boolean secondPass = alias.formats().stream().anyMatch(AliasFormatSpec::matchMultiple);
      List<Pattern> own = new ArrayList<>();
      List<FormatProblem> ownProblems = new ArrayList<>();
      for (AliasFormatSpec spec : alias.formats()) {
        for (String representation : spec.representations()) {
          Object format = compiled.computeIfAbsent(representation, AliasPatterns::compileOrFailure);
          if (format instanceof CompiledFormat ok) {
            own.add(
                new Pattern(
                    patterns.size() + own.size(),
                    alias,
                    spec,
                    representation,
                    ok,
                    firstPass,
                    secondPass));
          } else {
            ownProblems.add(
                new FormatProblem(
                    alias.ref(), representation, ((AliasFormatException) format).reason()));
          }
        }
      }
      if (ownProblems.isEmpty()) {
        patterns.addAll(own);
        usable.add(alias);
      } else {
        problems.addAll(ownProblems);
      }
    }
    return new AliasPatterns(patterns, problems, new CommandSuggestions(usable, suggestionLimit));
  }

  private static Object compileOrFailure(String representation) {
    try {
      return CompiledFormat.compile(representation);
    } catch (AliasFormatException e) {
      return e;
    }
  }

  /** The command prepared once for all patterns; null when it is too long to scan. */
  static ParamStream prepare(String command) {
    try {
      return ParamStream.of(command);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A command with over a thousand trailing key=value pairs overflows java.util.regex; refusing it
   * as unmatched keeps the stream thread alive, where st2 would still parse it.
   */
  static NoMatch tooComplex(String command) {
    return new NoMatch(command == null ? "" : command, List.of());
  }

  List<Pattern> all() {
    return patterns;
  }

  List<FormatProblem> problems() {
    return problems;
  }

  /**
   * st2's decision over {@code candidates}, which must hold every pattern that can match the
   * command, in ordinal order.
   */
  MatchResult decide(ParamStream stream, List<Pattern> candidates) {
    List<Hit> hits = hits(stream, candidates, true);
    if (hits.isEmpty()) {
      hits = hits(stream, candidates, false);
      if (hits.isEmpty()) {
        return new NoMatch(stream.command(), suggestions.suggest(stream.command()));
      }
      if (hits.size() > 1) {
        return ambiguous(stream, hits, true);
      }
    } else if (hits.size() > 1) {
      return ambiguous(stream, hits, false);
    }
    Hit hit = hits.get(0);
    Pattern p = hit.pattern();
    return new Matched(
        p.alias(),
        p.representation(),
        p.spec().display(),
        hit.parameters(),
        executions(p, stream, hit.parameters()));
  }

  private record Hit(Pattern pattern, Map<String, String> parameters) {}

  private static List<Hit> hits(ParamStream stream, List<Pattern> candidates, boolean firstPass) {
    List<Hit> hits = new ArrayList<>();
    for (Pattern p : candidates) {
      if (firstPass ? p.firstPass() : p.secondPass()) {
        Optional<Map<String, String>> parameters = p.format().tryParse(stream);
        parameters.ifPresent(params -> hits.add(new Hit(p, params)));
      }
    }
    return hits;
  }

  private static Ambiguous ambiguous(ParamStream stream, List<Hit> hits, boolean multiple) {
    return new Ambiguous(
        stream.command(),
        hits.stream()
            .map(
                h ->
                    new Ambiguous.Candidate(
                        h.pattern().alias(),
                        h.pattern().representation(),
                        h.pattern().spec().display()))
            .toList(),
        multiple);
  }

  /** st2's match_and_execute runs one execution per occurrence for a match_multiple format. */
  private static List<Map<String, String>> executions(
      Pattern p, ParamStream stream, Map<String, String> parameters) {
    if (!p.spec().matchMultiple()) {
      return List.of(parameters);
    }
    try {
      return p.format().parseAll(stream);
    } catch (AliasParseException e) {
      return List.of();
    }
  }
}
