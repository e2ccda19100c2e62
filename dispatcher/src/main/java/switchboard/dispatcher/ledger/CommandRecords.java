package switchboard.dispatcher.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.CommandRequest;
import switchboard.records.ExecutionUpdate;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;
import switchboard.schemas.ConversationKeys;
import switchboard.schemas.SecretParameters;
import switchboard.schemas.Topics;

/**
 * The records the dispatcher writes about a command, pure: replies in the command's conversation
 * and thread, audit records, execution updates, each with the key its topic is partitioned by. Ids
 * are deterministic ({@code <request id>/<kind or decision>}), so a record written again after a
 * crash is recognisable downstream.
 */
public final class CommandRecords {

  /** The component name on audit records. */
  public static final String COMPONENT = "dispatcher";

  private final Topics topics;

  public CommandRecords(Topics topics) {
    this.topics = topics;
  }

  /**
   * A reply to the command, in its conversation and thread, answering its message; the caller may
   * set more (a mention, a whisper, another route) before building it.
   *
   * @param pretext the line before the text; null for none
   * @param extra provider id to a JSON document, passed through to the notifier
   */
  public Reply.Builder reply(
      CommandRequest command,
      ReplyKind kind,
      ReplyStatus status,
      String pretext,
      String text,
      Map<String, String> extra,
      Instant now) {
    return Reply.newBuilder()
        .setReplyId(command.getRequestId() + "/" + kind)
        .setRequestId(command.getRequestId())
        .setKind(kind)
        .setConversation(command.getConversation())
        .setThread(command.getThread())
        .setInReplyTo(command.getMessageId())
        .setStatus(status)
        .setPretext(pretext)
        .setText(text)
        .setExtra(extra)
        .setCreatedAt(now);
  }

  /**
   * StackStorm's {@code extra} object as {@link Reply#getExtra()}: each top-level key (a provider
   * id such as {@code slack}, or a hubot-wide key such as {@code color}) maps to its value as a
   * JSON document, passed through to the notifier unchanged (contract §7, §8.5).
   */
  public static Map<String, String> extras(JsonNode extra) {
    Map<String, String> extras = new LinkedHashMap<>();
    if (extra != null && extra.isObject()) {
      extra.properties().forEach(field -> extras.put(field.getKey(), field.getValue().toString()));
    }
    return extras;
  }

  /** The reply as a record for {@code chatops.replies}, keyed by its conversation. */
  public Outgoing replyRecord(Reply reply) {
    return new Outgoing(topics.replies(), ConversationKeys.of(reply.getConversation()), reply);
  }

  /**
   * An audit record of what happened to the command, its text with secret values masked as the
   * matcher masks them. Parameters stay out: the matcher's ALLOWED record already carries them.
   */
  public Outgoing audit(
      CommandRequest command,
      AuditDecision decision,
      String reason,
      String executionId,
      String executionStatus,
      Instant now) {
    AuditRecord record =
        AuditRecord.newBuilder()
            .setAuditId(command.getRequestId() + "/" + decision)
            .setRequestId(command.getRequestId())
            .setEventId(command.getEventId())
            .setDecision(decision)
            .setReason(reason)
            .setRule(command.getDecidedBy())
            .setComponent(COMPONENT)
            .setConversation(command.getConversation())
            .setSender(command.getSender())
            .setStackstormUser(command.getStackstormUser())
            .setCommand(
                SecretParameters.maskedCommand(
                    command.getCommand(), command.getParameters(), command.getSecretParameters()))
            .setAliasRef(command.getAliasRef())
            .setExecutionId(executionId)
            .setExecutionStatus(executionStatus)
            .setTime(now)
            .build();
    return new Outgoing(topics.audit(), ConversationKeys.of(command.getConversation()), record);
  }

  /** A status change of the command's execution, for {@code chatops.executions}. */
  public Outgoing executionUpdate(
      CommandRequest command,
      String executionId,
      String status,
      boolean terminal,
      String webUrl,
      Instant now) {
    ExecutionUpdate update =
        ExecutionUpdate.newBuilder()
            .setRequestId(command.getRequestId())
            .setExecutionId(executionId)
            .setStatus(status)
            .setTerminal(terminal)
            .setActionRef(command.getActionRef())
            .setAliasRef(command.getAliasRef())
            .setConversation(command.getConversation())
            .setThread(command.getThread())
            .setWebUrl(webUrl)
            .setStackstormUser(command.getStackstormUser())
            .setUpdatedAt(now)
            .build();
    return new Outgoing(topics.executions(), command.getRequestId(), update);
  }
}
