package switchboard.schemas;

import switchboard.records.IdentityLink;

/**
 * The record key on {@code chatops.identities}: {@code provider/workspace/chatUserId}. The matcher
 * looks links up by it, and everything that writes a link or its tombstone (the dispatcher's link
 * page, the admin commands, {@code unlink} in chat) must build the same key, or compaction keeps a
 * stale link. Only ever built, never parsed: the link record itself carries the three parts.
 */
public final class IdentityKeys {

  private IdentityKeys() {}

  /**
   * @param workspace the provider's workspace, "" when it has none
   * @param chatUserId the provider's immutable user id
   */
  public static String of(String provider, String workspace, String chatUserId) {
    return provider + "/" + workspace + "/" + chatUserId;
  }

  public static String of(IdentityLink link) {
    return of(link.getProvider(), link.getWorkspace(), link.getChatUserId());
  }
}
