package switchboard.matcher.policy;

import java.util.Optional;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.identity.LinkedUser;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.MatchResult;
import switchboard.records.ChatEvent;

/**
 * Enforcement, the default: the sender's immutable chat id is looked up in the identity snapshot,
 * an unlinked sender is denied with a hint to link, and a linked one is judged by the {@link
 * PolicyEngine} as their StackStorm user and groups.
 */
public final class PolicyPermissions implements PermissionDecider {

  /** Names the decision for a sender who is not linked to a StackStorm user. */
  public static final String UNLINKED = "unlinked-user";

  /** What an unlinked sender is told. */
  public static final String LINK_HINT =
      "You are not linked to a StackStorm user yet, so you cannot run commands. Send me `link` in"
          + " a direct message to link your account.";

  private final IdentityDirectory identities;
  private final PolicyRules rules;

  public PolicyPermissions(IdentityDirectory identities, PolicyRules rules) {
    this.identities = identities;
    this.rules = rules;
  }

  @Override
  public Optional<LinkedUser> linkedUser(ChatEvent event) {
    return identities.lookup(ChatIdentity.of(event.getConversation(), event.getSender()));
  }

  @Override
  public Optional<Permission.Denied> refusal(ChatEvent event) {
    return linkedUser(event).isPresent()
        ? Optional.empty()
        : Optional.of(new Permission.Denied(UNLINKED, LINK_HINT));
  }

  @Override
  public Permission decide(ChatEvent event, MatchResult.Matched match) {
    return linkedUser(event)
        .<Permission>map(
            user ->
                PolicyEngine.decide(
                    rules,
                    new AccessRequest(
                        user,
                        event.getConversation(),
                        match.alias().ref(),
                        match.alias().actionRef(),
                        match.parameters())))
        .orElseGet(() -> new Permission.Denied(UNLINKED, LINK_HINT));
  }

  @Override
  public boolean mayList(ChatEvent event, Alias alias) {
    return linkedUser(event)
        .map(
            user ->
                PolicyEngine.mayRunWithSomeParameters(
                    rules,
                    new AccessRequest(
                        user, event.getConversation(), alias.ref(), alias.actionRef(), null)))
        .orElse(false);
  }
}
