package switchboard.matcher;

import switchboard.records.AuditRecord;
import switchboard.records.CommandRequest;
import switchboard.records.DeadLetter;
import switchboard.records.Reply;
import switchboard.schemas.ConversationKeys;

/**
 * One thing the matcher writes, with the key it is written under: a record for a topic, or a change
 * to its own state (a command held for confirmation, or released from it).
 */
sealed interface MatcherOutput {

  /** The record key on its topic, or the state store key. */
  String key();

  /** A command to run, keyed by request id. */
  record Command(CommandRequest command) implements MatcherOutput {
    @Override
    public String key() {
      return command.getRequestId();
    }
  }

  /**
   * A command that may run only if its sender's rate limit admits it; it goes to the rate gate,
   * keyed by StackStorm user so every command of one user meets one counter.
   */
  record Gated(CommandRequest command) implements MatcherOutput {
    @Override
    public String key() {
      return command.getStackstormUser();
    }
  }

  /** A command waiting for its sender to confirm it, held under its request id. */
  record Hold(CommandRequest command) implements MatcherOutput {
    @Override
    public String key() {
      return command.getRequestId();
    }
  }

  /** A held command that was confirmed, cancelled or timed out, released from the store. */
  record Release(String requestId) implements MatcherOutput {
    @Override
    public String key() {
      return requestId;
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

  /** A user unlinked themselves: a tombstone on {@code chatops.identities} under this key. */
  record Unlink(String identityKey) implements MatcherOutput {
    @Override
    public String key() {
      return identityKey;
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
