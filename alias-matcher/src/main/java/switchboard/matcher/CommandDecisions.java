package switchboard.matcher;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import switchboard.matcher.addressing.AddressingSettings;
import switchboard.matcher.addressing.CommandAddressing;
import switchboard.matcher.help.AliasHelp;
import switchboard.matcher.help.HelpRequest;
import switchboard.matcher.match.MatchResult;
import switchboard.matcher.policy.Permission;
import switchboard.matcher.policy.PermissionDecider;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.ChatEvent;
import switchboard.records.CommandRequest;

/**
 * What the matcher does with one chat event: the pure heart of the topology. It reads only its
 * arguments, so replaying the event stream against the same catalogue and policies gives the same
 * commands, replies and audit entries.
 */
final class CommandDecisions {

  static final String COMPONENT = "alias-matcher";

  private CommandDecisions() {}

  /**
   * The command text when the event addresses the bot (prefix, mention or direct conversation),
   * with the address removed and quotes normalised.
   */
  static Optional<String> commandOf(ChatEvent event, MatcherSettings settings) {
    CommandAddressing addressing =
        new CommandAddressing(
            new AddressingSettings(settings.commandPrefix(), event.getBotMentions()));
    return addressing.command(event.getText(), event.getConversation().getDirect());
  }

  /**
   * The request id of an event: the connector instance and the provider's event id, so a
   * redelivered event or a second connector replica yields the same id and never a second run.
   */
  static String requestIdOf(ChatEvent event) {
    return event.getConversation().getConnector() + ":" + event.getEventId();
  }

  /** The records to write for a command addressed to the bot. */
  static List<MatcherOutput> decide(
      ChatEvent event,
      String command,
      AliasCatalog.Snapshot catalog,
      PermissionDecider permissions,
      MatcherSettings settings,
      Instant now) {
    String requestId = requestIdOf(event);
    Optional<HelpRequest> help = HelpRequest.parse(command, settings.helpPageSize());
    if (help.isPresent()) {
      return List.of(
          new MatcherOutput.Answer(
              MatcherReplies.help(
                  event,
                  requestId,
                  AliasHelp.help(catalog.aliases(), help.get()),
                  settings.commandPrefix(),
                  now)),
          audit(event, requestId, command, AuditDecision.HELP, "help", null, null, Map.of(), now));
    }
    MatchResult result = catalog.matcher().match(command);
    if (result instanceof MatchResult.Matched matched) {
      return matched(event, requestId, command, matched, permissions.decide(event, matched), now);
    }
    if (result instanceof MatchResult.Ambiguous ambiguous) {
      return List.of(
          new MatcherOutput.Answer(MatcherReplies.ambiguous(event, requestId, ambiguous, now)),
          audit(
              event,
              requestId,
              command,
              AuditDecision.AMBIGUOUS,
              ambiguous.st2Faultstring(),
              null,
              null,
              Map.of(),
              now));
    }
    MatchResult.NoMatch noMatch = (MatchResult.NoMatch) result;
    return List.of(
        new MatcherOutput.Answer(
            MatcherReplies.noMatch(event, requestId, noMatch, settings.commandPrefix(), now)),
        audit(
            event,
            requestId,
            command,
            AuditDecision.NO_MATCH,
            noMatch.st2Faultstring(),
            null,
            null,
            Map.of(),
            now));
  }

  private static List<MatcherOutput> matched(
      ChatEvent event,
      String requestId,
      String command,
      MatchResult.Matched matched,
      Permission permission,
      Instant now) {
    String aliasRef = matched.alias().ref();
    if (permission instanceof Permission.Denied denied) {
      return List.of(
          new MatcherOutput.Answer(
              MatcherReplies.denied(event, requestId, command, denied.reason(), now)),
          audit(
              event,
              requestId,
              command,
              AuditDecision.DENIED,
              denied.reason(),
              denied.decidedBy(),
              aliasRef,
              matched.parameters(),
              now));
    }
    Permission.Allowed allowed = (Permission.Allowed) permission;
    CommandRequest request =
        CommandRequest.newBuilder()
            .setRequestId(requestId)
            .setEventId(event.getEventId())
            .setConversation(event.getConversation())
            .setThread(event.getThread())
            .setMessageId(event.getMessageId())
            .setSender(event.getSender())
            .setStackstormUser(allowed.stackstormUser())
            .setAliasRef(aliasRef)
            .setAliasName(matched.alias().name())
            .setActionRef(matched.alias().actionRef())
            .setRepresentation(matched.representation())
            .setCommand(command)
            .setParameters(matched.parameters())
            .setDecidedBy(allowed.decidedBy())
            .setReceivedAt(event.getReceivedAt())
            .setMatchedAt(now)
            .build();
    return List.of(
        new MatcherOutput.Command(request),
        audit(
            event,
            requestId,
            command,
            AuditDecision.ALLOWED,
            "allowed by " + allowed.decidedBy(),
            allowed.decidedBy(),
            aliasRef,
            matched.parameters(),
            now));
  }

  static MatcherOutput.Audit audit(
      ChatEvent event,
      String requestId,
      String command,
      AuditDecision decision,
      String reason,
      String rule,
      String aliasRef,
      Map<String, String> parameters,
      Instant now) {
    return new MatcherOutput.Audit(
        AuditRecord.newBuilder()
            .setAuditId(requestId + "/" + decision)
            .setRequestId(requestId)
            .setEventId(event.getEventId())
            .setDecision(decision)
            .setReason(reason)
            .setRule(rule)
            .setComponent(COMPONENT)
            .setConversation(event.getConversation())
            .setSender(event.getSender())
            .setStackstormUser(null)
            .setCommand(command)
            .setAliasRef(aliasRef)
            .setParameters(SecretParameters.masked(parameters))
            .setTime(now)
            .build());
  }
}
