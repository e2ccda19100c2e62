package switchboard.matcher.match;

/**
 * A format that could not be compiled, so its alias takes no part in matching. st2 would answer
 * every match request with a server error instead; here the other aliases keep working.
 *
 * @param aliasRef the alias, never null
 * @param format the representation that failed, never null
 * @param reason why, in Python's words where st2 itself fails, never null
 */
public record FormatProblem(String aliasRef, String format, String reason) {}
