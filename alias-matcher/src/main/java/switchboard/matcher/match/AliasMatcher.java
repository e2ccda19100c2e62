package switchboard.matcher.match;

/**
 * Chooses the alias for a chat command exactly as st2's {@code POST /api/v1/actionalias/match} does
 * (contract §3.2). Implementations are immutable and thread-safe.
 */
public interface AliasMatcher {

  /** How many suggestions a {@link MatchResult.NoMatch} carries unless told otherwise. */
  int DEFAULT_SUGGESTIONS = 3;

  /**
   * Matches one command (already stripped of any bot prefix or mention).
   *
   * @param command the command; null reads as ""
   * @return the decision, never null
   */
  MatchResult match(String command);
}
