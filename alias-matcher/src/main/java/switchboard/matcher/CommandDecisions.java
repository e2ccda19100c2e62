package switchboard.matcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import switchboard.matcher.addressing.AddressingSettings;
import switchboard.matcher.addressing.CommandAddressing;
import switchboard.matcher.help.AliasHelp;
import switchboard.matcher.help.HelpRequest;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.identity.LinkedUser;
import switchboard.matcher.identity.SelfService;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.MatchResult;
import switchboard.matcher.policy.Permission;
import switchboard.matcher.policy.PermissionDecider;
import switchboard.records.AuditDecision;
import switchboard.records.ChatEvent;
import switchboard.records.CommandRequest;

/**
 * What the matcher does with one chat event: the pure heart of the topology. It reads only its
 * arguments, so replaying the event stream against the same catalogue, identities and policies
 * gives the same commands, replies and audit entries.
 */
final class CommandDecisions {

  static final String COMPONENT = "alias-matcher";

  /**
   * Names the decision for the built-in identity commands, which everyone may use on themselves.
   */
  static final String SELF_SERVICE = "self-service";

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

  /**
   * The records to write for a command addressed to the bot: the built-in identity commands first,
   * then help, then the alias the command matches.
   */
  static List<MatcherOutput> decide(
      ChatEvent event,
      String command,
      AliasCatalog.Snapshot catalog,
      PermissionDecider permissions,
      MatcherSettings settings,
      Instant now) {
    String requestId = requestIdOf(event);
    Optional<LinkedUser> user = permissions.linkedUser(event);
    AuditContext audit =
        AuditContext.of(
            event, requestId, command, user.map(LinkedUser::stackstormUser).orElse(null));
    Optional<SelfService> selfService = SelfService.parse(command);
    if (selfService.isPresent()) {
      return identity(event, requestId, selfService.get(), user, audit, now);
    }
    Optional<HelpRequest> help = HelpRequest.parse(command, settings.helpPageSize());
    if (help.isPresent()) {
      Optional<Permission.Denied> refusal = permissions.refusal(event);
      if (refusal.isPresent()) {
        return List.of(
            new MatcherOutput.Answer(
                MatcherReplies.helpRefused(event, requestId, refusal.get().reason(), now)),
            audit.entry(
                AuditDecision.HELP, refusal.get().reason(), refusal.get().decidedBy(), now));
      }
      List<Alias> mayRun =
          catalog.aliases().stream().filter(a -> permissions.mayList(event, a)).toList();
      return List.of(
          new MatcherOutput.Answer(
              MatcherReplies.help(
                  event,
                  requestId,
                  AliasHelp.help(mayRun, help.get()),
                  settings.commandPrefix(),
                  now)),
          audit.entry(AuditDecision.HELP, "help", null, now));
    }
    MatchResult result = catalog.matcher().match(command);
    if (result instanceof MatchResult.Matched matched) {
      return matched(
          event,
          requestId,
          command,
          matched,
          permissions.decide(event, matched),
          audit,
          settings,
          now);
    }
    if (result instanceof MatchResult.Ambiguous ambiguous) {
      // Name only the candidates the sender could run: the others are none of their business.
      MatchResult.Ambiguous shown =
          new MatchResult.Ambiguous(
              ambiguous.command(),
              ambiguous.candidates().stream()
                  .filter(c -> permissions.mayList(event, c.alias()))
                  .toList(),
              ambiguous.multiple());
      return List.of(
          new MatcherOutput.Answer(MatcherReplies.ambiguous(event, requestId, shown, now)),
          audit.entry(AuditDecision.AMBIGUOUS, ambiguous.st2Faultstring(), null, now));
    }
    MatchResult.NoMatch noMatch = (MatchResult.NoMatch) result;
    MatchResult.NoMatch shown =
        new MatchResult.NoMatch(
            noMatch.command(),
            noMatch.suggestions().stream()
                .filter(s -> permissions.mayList(event, s.alias()))
                .toList());
    return List.of(
        new MatcherOutput.Answer(
            MatcherReplies.noMatch(event, requestId, shown, settings.commandPrefix(), now)),
        audit.entry(AuditDecision.NO_MATCH, noMatch.st2Faultstring(), null, now));
  }

  private static List<MatcherOutput> matched(
      ChatEvent event,
      String requestId,
      String command,
      MatchResult.Matched matched,
      Permission permission,
      AuditContext audit,
      MatcherSettings settings,
      Instant now) {
    String aliasRef = matched.alias().ref();
    if (permission instanceof Permission.Denied denied) {
      return List.of(
          new MatcherOutput.Answer(
              MatcherReplies.denied(event, requestId, command, denied.reason(), now)),
          audit.entry(
              AuditDecision.DENIED,
              denied.reason(),
              denied.decidedBy(),
              aliasRef,
              matched.parameters(),
              matched.alias().secretParameters(),
              now));
    }
    Permission.Allowed allowed = (Permission.Allowed) permission;
    CommandRequest request =
        request(event, requestId, command, allowed.stackstormUser(), allowed.decidedBy(), now)
            .setAliasRef(aliasRef)
            .setAliasName(matched.alias().name())
            .setActionRef(matched.alias().actionRef())
            .setRepresentation(matched.representation())
            .setParameters(matched.parameters())
            .setSecretParameters(List.copyOf(matched.alias().secretParameters()))
            .build();
    if (allowed.confirm()) {
      return List.of(
          new MatcherOutput.Hold(request),
          new MatcherOutput.Answer(
              MatcherReplies.prompt(
                  event,
                  requestId,
                  command,
                  allowed.stackstormUser(),
                  settings.confirmTimeout(),
                  now)));
    }
    return release(request, allowed.quota() != null, now);
  }

  /**
   * A command allowed to run: straight to the dispatcher, or through the rate gate when its rule
   * has a rate limit (the gate then writes the same records, or refuses).
   */
  static List<MatcherOutput> release(CommandRequest request, boolean rateLimited, Instant now) {
    if (rateLimited) {
      return List.of(new MatcherOutput.Gated(request));
    }
    return List.of(new MatcherOutput.Command(request), AuditContext.allowed(request, now));
  }

  /** whoami, unlink and link: about the sender's own identity, never governed by policies. */
  private static List<MatcherOutput> identity(
      ChatEvent event,
      String requestId,
      SelfService command,
      Optional<LinkedUser> user,
      AuditContext audit,
      Instant now) {
    ChatIdentity identity = ChatIdentity.of(event.getConversation(), event.getSender());
    switch (command) {
      case WHOAMI:
        return List.of(
            new MatcherOutput.Answer(MatcherReplies.whoami(event, requestId, identity, user, now)));
      case UNLINK:
        List<MatcherOutput> outputs = new ArrayList<>();
        outputs.add(new MatcherOutput.Answer(MatcherReplies.unlinked(event, requestId, user, now)));
        if (user.isPresent()) {
          outputs.add(new MatcherOutput.Unlink(identity.key()));
          outputs.add(
              audit.entry(
                  AuditDecision.ALLOWED,
                  "unlinked from " + user.get().stackstormUser() + " by the chat user",
                  SELF_SERVICE,
                  command.aliasRef(),
                  Map.of(),
                  List.of(),
                  now));
        }
        return outputs;
      case LINK:
      default:
        if (!event.getConversation().getDirect()) {
          return List.of(
              new MatcherOutput.Answer(MatcherReplies.linkOnlyInDirect(event, requestId, now)));
        }
        // The dispatcher answers switchboard.link itself with a one-time sign-in URL; it never
        // reaches StackStorm as an alias.
        CommandRequest link =
            request(
                    event,
                    requestId,
                    command.word(),
                    user.map(LinkedUser::stackstormUser).orElse(null),
                    SELF_SERVICE,
                    now)
                .setAliasRef(command.aliasRef())
                .setAliasName(command.word())
                .setActionRef(command.aliasRef())
                .setRepresentation(command.word())
                .setParameters(Map.of())
                .build();
        return List.of(
            new MatcherOutput.Command(link),
            audit.entry(
                AuditDecision.ALLOWED,
                "self-service link requested",
                SELF_SERVICE,
                command.aliasRef(),
                Map.of(),
                List.of(),
                now));
    }
  }

  private static CommandRequest.Builder request(
      ChatEvent event,
      String requestId,
      String command,
      String stackstormUser,
      String decidedBy,
      Instant now) {
    return CommandRequest.newBuilder()
        .setRequestId(requestId)
        .setEventId(event.getEventId())
        .setConversation(event.getConversation())
        .setThread(event.getThread())
        .setMessageId(event.getMessageId())
        .setSender(event.getSender())
        .setStackstormUser(stackstormUser)
        .setCommand(command)
        .setDecidedBy(decidedBy)
        .setReceivedAt(event.getReceivedAt())
        .setMatchedAt(now);
  }
}
