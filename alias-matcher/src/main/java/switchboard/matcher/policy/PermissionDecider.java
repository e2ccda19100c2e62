package switchboard.matcher.policy;

import java.util.Optional;
import switchboard.matcher.identity.LinkedUser;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.MatchResult;
import switchboard.records.ChatEvent;

/**
 * Decides whether the sender of a command may run it, here, with these parameters. Pure: it reads
 * only its arguments and the identity and policy snapshots it was built from, so a replay of the
 * event stream gets the same answers. The sender is always the event's immutable user id in its
 * workspace, never a display name.
 */
public interface PermissionDecider {

  /** The StackStorm user the sender is linked to; empty when they are not linked. */
  Optional<LinkedUser> linkedUser(ChatEvent event);

  /**
   * Why the sender may run nothing at all (an unlinked user under enforcement), or empty. Help uses
   * it to answer with the hint instead of an empty list.
   */
  Optional<Permission.Denied> refusal(ChatEvent event);

  /** The decision for one matched command; never null. */
  Permission decide(ChatEvent event, MatchResult.Matched match);

  /**
   * Whether help should list {@code alias} to the sender here: they may run it with some values.
   */
  boolean mayList(ChatEvent event, Alias alias);
}
