package switchboard.matcher;

import switchboard.records.AuditRecord;
import switchboard.records.CommandRequest;
import switchboard.records.DeadLetter;
import switchboard.records.Reply;
import switchboard.schemas.ConversationKeys;

/** One record the matcher writes, with the key its topic is partitioned by. */
sealed interface MatcherOutput {

  /** The record key on its topic. */
  String key();

  /** A command to run, keyed by request id. */
  record Command(CommandRequest command) implements MatcherOutput {
    @Override
    public String key() {
      return command.getRequestId();
    }
  }

  /** A reply to the user, keyed by conversation so order holds. */
  record Answer(Reply reply) implements MatcherOutput {
    @Override
    public String key() {
      return ConversationKeys.of(reply.getConversation());
    }
  }

  /** An audit entry, keyed by conversation. */
  record Audit(AuditRecord audit) implements MatcherOutput {
    @Override
    public String key() {
      return ConversationKeys.of(audit.getConversation());
    }
  }

  /** What could not be read, keyed by its source topic. */
  record Dead(DeadLetter letter) implements MatcherOutput {
    @Override
    public String key() {
      return letter.getSourceTopic();
    }
  }
}
