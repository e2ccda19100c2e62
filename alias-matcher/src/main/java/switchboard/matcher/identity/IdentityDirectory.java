package switchboard.matcher.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import switchboard.records.IdentityLink;

/**
 * An immutable snapshot of {@code chatops.identities}: which StackStorm user each chat user acts
 * as. Lookups go by {@link ChatIdentity} alone, so nothing a user can change about themselves (a
 * display name, a nick, text in a message) changes the answer.
 */
public final class IdentityDirectory {

  private static final IdentityDirectory EMPTY = new IdentityDirectory(Map.of());

  private final Map<ChatIdentity, LinkedUser> links;

  private IdentityDirectory(Map<ChatIdentity, LinkedUser> links) {
    this.links = Map.copyOf(links);
  }

  /** Nobody is linked. */
  public static IdentityDirectory empty() {
    return EMPTY;
  }

  /**
   * The directory of {@code links}; a later link of the same chat user replaces an earlier one, as
   * compaction would.
   */
  public static IdentityDirectory of(Collection<IdentityLink> links) {
    Map<ChatIdentity, LinkedUser> byIdentity = new HashMap<>();
    for (IdentityLink link : links) {
      byIdentity.put(
          ChatIdentity.of(link), new LinkedUser(link.getStackstormUser(), link.getGroups()));
    }
    return new IdentityDirectory(byIdentity);
  }

  /** The StackStorm user {@code identity} acts as; empty when it is not linked. */
  public Optional<LinkedUser> lookup(ChatIdentity identity) {
    return Optional.ofNullable(links.get(identity));
  }

  /** How many chat users are linked. */
  public int size() {
    return links.size();
  }
}
