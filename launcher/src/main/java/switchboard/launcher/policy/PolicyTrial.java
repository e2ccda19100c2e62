package switchboard.launcher.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import switchboard.matcher.help.HelpRequest;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.identity.LinkedUser;
import switchboard.matcher.identity.SelfService;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.IndexedAliasMatcher;
import switchboard.matcher.match.MatchResult;
import switchboard.matcher.policy.Permission;
import switchboard.matcher.policy.PermissionDecider;
import switchboard.matcher.policy.PermissionMode;
import switchboard.matcher.policy.PolicyRules;
import switchboard.records.ChatEvent;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;

/**
 * What the matcher would decide for one command, computed the way the matcher computes it (the same
 * alias matcher, the same enforcing decider over the same snapshots), and said in words. Pure.
 */
final class PolicyTrial {

  /** The connector instance name of the synthetic event; policies never look at it. */
  static final String CONNECTOR = "policy-test";

  /**
   * The answer.
   *
   * @param report what to print, ending with a line separator
   * @param exitCode 0 allowed, {@link PolicyCommand#DENIED}, or {@link
   *     PolicyCommand#NO_SINGLE_MATCH}
   */
  record Outcome(String report, int exitCode) {}

  private final List<Alias> aliases;
  private final IndexedAliasMatcher matcher;
  private final IdentityDirectory identities;
  private final PolicyRules rules;

  PolicyTrial(List<Alias> aliases, IdentityDirectory identities, PolicyRules rules) {
    this.aliases = List.copyOf(aliases);
    this.matcher = new IndexedAliasMatcher(aliases);
    this.identities = identities;
    this.rules = rules;
  }

  Outcome decide(
      String provider,
      String workspace,
      String channel,
      boolean direct,
      String user,
      String command,
      Instant now) {
    ChatEvent event =
        ChatEvent.newBuilder()
            .setEventId(CONNECTOR)
            .setConversation(new Conversation(provider, CONNECTOR, workspace, channel, direct))
            .setSender(new ChatUser(user, null))
            .setText(command)
            .setReceivedAt(now)
            .build();
    PermissionDecider decider = PermissionMode.ENFORCE.decider(identities, rules);
    ChatIdentity identity = ChatIdentity.of(event.getConversation(), event.getSender());
    Optional<LinkedUser> linked = decider.linkedUser(event);
    StringBuilder report = new StringBuilder();
    line(
        report,
        "chat user",
        identity.key()
            + linked
                .map(
                    u ->
                        " -> "
                            + u.stackstormUser()
                            + (u.groups().isEmpty()
                                ? ""
                                : " (groups: " + String.join(", ", u.groups()) + ")"))
                .orElse(" (not linked)"));
    if (SelfService.parse(command).isPresent()) {
      line(report, "decision", "BUILT-IN: whoami, link and unlink are open to every chat user");
      return new Outcome(report.toString(), 0);
    }
    if (HelpRequest.parse(command, 1).isPresent()) {
      String listed =
          aliases.stream()
              .filter(Alias::enabled)
              .filter(a -> decider.mayList(event, a))
              .map(Alias::ref)
              .sorted()
              .collect(Collectors.joining(", "));
      line(report, "help lists", listed.isEmpty() ? "nothing" : listed);
      return new Outcome(report.toString(), 0);
    }
    MatchResult result = matcher.match(command);
    if (result instanceof MatchResult.Ambiguous ambiguous) {
      line(report, "decision", "AMBIGUOUS: " + ambiguous.st2Faultstring());
      return new Outcome(report.toString(), PolicyCommand.NO_SINGLE_MATCH);
    }
    if (result instanceof MatchResult.NoMatch noMatch) {
      line(report, "decision", "NO MATCH: " + noMatch.st2Faultstring());
      return new Outcome(report.toString(), PolicyCommand.NO_SINGLE_MATCH);
    }
    MatchResult.Matched matched = (MatchResult.Matched) result;
    line(
        report,
        "alias",
        matched.alias().ref()
            + (matched.alias().actionRef() == null
                ? ""
                : " (action " + matched.alias().actionRef() + ")"));
    line(
        report,
        "parameters",
        matched.parameters().isEmpty()
            ? "none"
            : matched.parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
    Permission permission = decider.decide(event, matched);
    if (permission instanceof Permission.Denied denied) {
      line(report, "decision", "DENIED by " + denied.decidedBy());
      line(report, "reason", denied.reason());
      return new Outcome(report.toString(), PolicyCommand.DENIED);
    }
    Permission.Allowed allowed = (Permission.Allowed) permission;
    line(
        report,
        "decision",
        "ALLOWED by "
            + allowed.decidedBy()
            + ", as "
            + allowed.stackstormUser()
            + (allowed.confirm() ? "; the user must confirm first" : "")
            + (allowed.quota() == null ? "" : "; rate limit " + allowed.quota() + " per user"));
    return new Outcome(report.toString(), 0);
  }

  private static void line(StringBuilder report, String label, String text) {
    report.append(String.format("%-11s %s%n", label + ":", text));
  }
}
