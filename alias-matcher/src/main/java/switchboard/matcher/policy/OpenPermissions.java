package switchboard.matcher.policy;

import java.util.Optional;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.identity.LinkedUser;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.MatchResult;
import switchboard.records.ChatEvent;

/**
 * Everybody may run everything, as StackStorm's own ChatOps does today. Only for a sandbox: it must
 * be switched on explicitly ({@code matcher.permissions.mode=open}) and warns at start-up. Links
 * still answer {@code whoami}, but commands run as the one bot account.
 */
public final class OpenPermissions implements PermissionDecider {

  public static final String DECIDED_BY = "open-mode";

  private final IdentityDirectory identities;

  public OpenPermissions(IdentityDirectory identities) {
    this.identities = identities;
  }

  @Override
  public Optional<LinkedUser> linkedUser(ChatEvent event) {
    return identities.lookup(ChatIdentity.of(event.getConversation(), event.getSender()));
  }

  @Override
  public Optional<Permission.Denied> refusal(ChatEvent event) {
    return Optional.empty();
  }

  @Override
  public Permission decide(ChatEvent event, MatchResult.Matched match) {
    return new Permission.Allowed(DECIDED_BY, null);
  }

  @Override
  public boolean mayList(ChatEvent event, Alias alias) {
    return true;
  }
}
