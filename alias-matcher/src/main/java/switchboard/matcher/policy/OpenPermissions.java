package switchboard.matcher.policy;

import switchboard.matcher.match.MatchResult;
import switchboard.records.ChatEvent;

/**
 * Everybody may run everything, as StackStorm's own ChatOps does today. Only for a sandbox: it must
 * be switched on explicitly ({@code matcher.permissions.mode=open}) and warns at start-up.
 */
public final class OpenPermissions implements PermissionDecider {

  public static final String DECIDED_BY = "open-mode";

  @Override
  public Permission decide(ChatEvent event, MatchResult.Matched match) {
    return new Permission.Allowed(DECIDED_BY, null);
  }

  @Override
  public String describe() {
    return "OPEN mode: every chat user may run every alias, as one StackStorm account."
        + " Use it only for a sandbox.";
  }
}
