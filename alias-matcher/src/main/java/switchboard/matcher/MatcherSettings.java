package switchboard.matcher;

import java.time.Duration;

/**
 * What the matcher's pure decision code needs from configuration.
 *
 * @param commandPrefix the prefix that addresses the bot in a channel, e.g. "!"
 * @param dedupeWindow how long an event id is remembered to drop its duplicates
 * @param helpPageSize help entries per reply
 * @param suggestionLimit closest commands offered when nothing matches
 */
public record MatcherSettings(
    String commandPrefix, Duration dedupeWindow, int helpPageSize, int suggestionLimit) {

  /** The defaults of {@link AliasMatcherConfig}. */
  public static MatcherSettings defaults() {
    return new MatcherSettings("!", Duration.ofHours(24), 20, 3);
  }
}
