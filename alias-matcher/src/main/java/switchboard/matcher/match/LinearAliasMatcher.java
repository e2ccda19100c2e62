package switchboard.matcher.match;

import java.util.Collection;
import java.util.List;
import switchboard.matcher.grammar.ParamStream;

/**
 * The reference matcher: tries every (alias, representation) pair in order, as st2's {@code
 * get_matching_alias} does (contract §3.2). Its cost grows with the number of aliases; it exists to
 * define the answers {@link IndexedAliasMatcher} must reproduce. Immutable and thread-safe.
 */
public final class LinearAliasMatcher implements AliasMatcher {

  private final AliasPatterns patterns;

  /** Compiles {@code aliases} once; see {@link #problems()} for the ones left out. */
  public LinearAliasMatcher(Collection<Alias> aliases) {
    this(aliases, DEFAULT_SUGGESTIONS);
  }

  /** As above, with at most {@code suggestionLimit} suggestions per {@code NoMatch}. */
  public LinearAliasMatcher(Collection<Alias> aliases, int suggestionLimit) {
    this.patterns = AliasPatterns.compile(aliases, suggestionLimit);
  }

  @Override
  public MatchResult match(String command) {
    ParamStream stream = AliasPatterns.prepare(command);
    return stream == null
        ? AliasPatterns.tooComplex(command)
        : patterns.decide(stream, patterns.all());
  }

  /** Enabled aliases left out because a format does not compile; never null. */
  public List<FormatProblem> problems() {
    return patterns.problems();
  }
}
