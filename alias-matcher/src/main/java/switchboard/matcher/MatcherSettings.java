package switchboard.matcher;

import java.time.Duration;
import switchboard.matcher.policy.PermissionMode;

/**
 * What the matcher's pure decision code needs from configuration.
 *
 * @param commandPrefix the prefix that addresses the bot in a channel, e.g. "!"
 * @param dedupeWindow how long an event id is remembered to drop its duplicates
 * @param helpPageSize help entries per reply
 * @param suggestionLimit closest commands offered when nothing matches
 * @param permissions enforce (the default) or open
 * @param confirmTimeout how long a command that needs confirmation waits for it
 */
public record MatcherSettings(
    String commandPrefix,
    Duration dedupeWindow,
    int helpPageSize,
    int suggestionLimit,
    PermissionMode permissions,
    Duration confirmTimeout) {

  /** The defaults of {@link AliasMatcherConfig}: enforcement on. */
  public static MatcherSettings defaults() {
    return new MatcherSettings(
        "!", Duration.ofHours(24), 20, 3, PermissionMode.ENFORCE, Duration.ofMinutes(5));
  }

  /** These settings with another permission mode. */
  public MatcherSettings withPermissions(PermissionMode mode) {
    return new MatcherSettings(
        commandPrefix, dedupeWindow, helpPageSize, suggestionLimit, mode, confirmTimeout);
  }
}
