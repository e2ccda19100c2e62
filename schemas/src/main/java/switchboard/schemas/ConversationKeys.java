package switchboard.schemas;

import switchboard.records.Conversation;

/**
 * The record key of everything that must stay in order per conversation (events, replies, audit).
 * The connector instance comes first, so two Slack apps in one workspace never share a key, and the
 * workspace keeps equal channel ids of two workspaces apart.
 */
public final class ConversationKeys {

  private ConversationKeys() {}

  /** {@code connector/workspace/channel}; never null. */
  public static String of(Conversation conversation) {
    return conversation.getConnector()
        + "/"
        + conversation.getWorkspace()
        + "/"
        + conversation.getChannel();
  }
}
