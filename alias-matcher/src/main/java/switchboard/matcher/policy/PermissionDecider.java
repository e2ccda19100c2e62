package switchboard.matcher.policy;

import switchboard.matcher.match.MatchResult;
import switchboard.records.ChatEvent;

/**
 * Decides whether the sender of a matched command may run it, here, with these parameters. Pure: it
 * reads only its arguments and the snapshot it was built from, so a replay of the event stream gets
 * the same answers.
 */
@FunctionalInterface
public interface PermissionDecider {

  /** The decision for one matched command; never null. */
  Permission decide(ChatEvent event, MatchResult.Matched match);

  /** Logged at start-up so operators see which mode runs. */
  default String describe() {
    return getClass().getSimpleName();
  }
}
