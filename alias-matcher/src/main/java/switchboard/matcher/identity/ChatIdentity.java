package switchboard.matcher.identity;

import java.util.Objects;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;
import switchboard.records.IdentityLink;
import switchboard.schemas.IdentityKeys;

/**
 * A chat user as authorisation sees them: the provider, the workspace, and the provider's immutable
 * user id there (chat-providers.md §0 "Stable user key": Slack team + user id, Teams tenant + AAD
 * object id, Mattermost user id, Webex person id, XMPP real bare JID, IRC services account).
 *
 * <p>The display name is deliberately not part of it: it can be changed by the user at any time, so
 * two events with the same id and different names are the same person, and two events with the same
 * name and different ids are not.
 *
 * @param provider provider id, e.g. {@code slack}; never null
 * @param workspace the provider's workspace, "" when it has none; never null
 * @param chatUserId the immutable user id; never null or empty
 */
public record ChatIdentity(String provider, String workspace, String chatUserId) {

  public ChatIdentity {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(chatUserId, "chatUserId");
    if (provider.isEmpty() || chatUserId.isEmpty()) {
      throw new IllegalArgumentException("provider and chat user id must not be empty");
    }
  }

  /**
   * The sender of a chat event. The workspace comes from the conversation, which the connector
   * fills from the provider's own payload, not from anything the user typed.
   */
  public static ChatIdentity of(Conversation conversation, ChatUser sender) {
    return new ChatIdentity(
        conversation.getProvider(), conversation.getWorkspace(), sender.getId());
  }

  /** The chat side of a link record. */
  public static ChatIdentity of(IdentityLink link) {
    return new ChatIdentity(link.getProvider(), link.getWorkspace(), link.getChatUserId());
  }

  /** The record key on {@code chatops.identities} ({@link IdentityKeys}). */
  public String key() {
    return IdentityKeys.of(provider, workspace, chatUserId);
  }

  @Override
  public String toString() {
    return key();
  }
}
