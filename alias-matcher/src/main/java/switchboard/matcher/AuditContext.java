package switchboard.matcher;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.ChatEvent;
import switchboard.records.ChatUser;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.schemas.SecretParameters;

/**
 * Who, where and which request an audit entry is about: the chat user by immutable id and the
 * StackStorm user they act as, the conversation, and the command as typed with secrets masked. The
 * decision, its reason and rule are given per entry.
 *
 * @param stackstormUser null when the sender is not linked
 */
record AuditContext(
    Conversation conversation,
    ChatUser sender,
    String eventId,
    String requestId,
    String command,
    String stackstormUser) {

  static AuditContext of(ChatEvent event, String requestId, String command, String stackstormUser) {
    return new AuditContext(
        event.getConversation(),
        event.getSender(),
        event.getEventId(),
        requestId,
        command,
        stackstormUser);
  }

  static AuditContext of(CommandRequest command) {
    return new AuditContext(
        command.getConversation(),
        command.getSender(),
        command.getEventId(),
        command.getRequestId(),
        command.getCommand(),
        command.getStackstormUser());
  }

  /** An entry without an alias: help, no match, ambiguity. */
  MatcherOutput.Audit entry(AuditDecision decision, String reason, String rule, Instant now) {
    return entry(decision, reason, rule, null, Map.of(), List.of(), now);
  }

  /** An entry about a command the matcher built; its secret values are masked. */
  MatcherOutput.Audit entry(
      AuditDecision decision, String reason, String rule, CommandRequest command, Instant now) {
    return entry(
        decision,
        reason,
        rule,
        command.getAliasRef(),
        command.getParameters(),
        command.getSecretParameters(),
        now);
  }

  /**
   * An entry about one alias and its parameters; secret values are masked.
   *
   * @param secretParameters the names StackStorm marks secret
   */
  MatcherOutput.Audit entry(
      AuditDecision decision,
      String reason,
      String rule,
      String aliasRef,
      Map<String, String> parameters,
      Collection<String> secretParameters,
      Instant now) {
    return new MatcherOutput.Audit(
        AuditRecord.newBuilder()
            .setAuditId(requestId + "/" + decision)
            .setRequestId(requestId)
            .setEventId(eventId)
            .setDecision(decision)
            .setReason(reason)
            .setRule(rule)
            .setComponent(CommandDecisions.COMPONENT)
            .setConversation(conversation)
            .setSender(sender)
            .setStackstormUser(stackstormUser)
            .setCommand(SecretParameters.maskedCommand(command, parameters, secretParameters))
            .setAliasRef(aliasRef)
            .setParameters(SecretParameters.masked(parameters, secretParameters))
            .setTime(now)
            .build());
  }

  /** The entry of a command released to run: by policy, or after its confirmation. */
  static MatcherOutput.Audit allowed(CommandRequest command, Instant now) {
    return of(command)
        .entry(
            AuditDecision.ALLOWED,
            "allowed by " + command.getDecidedBy(),
            command.getDecidedBy(),
            command,
            now);
  }
}
