package switchboard.notifier;

import java.time.Instant;
import switchboard.records.Conversation;
import switchboard.records.Reply;

/** Reply records for tests. */
final class Replies {

  private Replies() {}

  /** A plain text reply in {@code channel} of connector instance {@code connector}. */
  static Reply text(String connector, String channel, String replyId) {
    return Reply.newBuilder()
        .setReplyId(replyId)
        .setConversation(conversation(connector, channel))
        .setText("text of " + replyId)
        .setCreatedAt(Instant.parse("2026-01-05T09:00:00Z"))
        .build();
  }

  static Conversation conversation(String connector, String channel) {
    return Conversation.newBuilder()
        .setProvider("console")
        .setConnector(connector)
        .setWorkspace("T1")
        .setChannel(channel)
        .build();
  }
}
