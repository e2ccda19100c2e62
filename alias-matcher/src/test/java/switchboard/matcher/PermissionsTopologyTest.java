package switchboard.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.matcher.MatcherFixtures.DIRECT;
import static switchboard.matcher.MatcherFixtures.OPS;
import static switchboard.matcher.MatcherFixtures.from;
import static switchboard.matcher.MatcherFixtures.link;
import static switchboard.matcher.MatcherFixtures.message;
import static switchboard.matcher.MatcherFixtures.policy;
import static switchboard.matcher.MatcherFixtures.press;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import switchboard.matcher.policy.PolicyPermissions;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.records.IdentityLink;
import switchboard.records.Reply;
import switchboard.records.ReplyButton;
import switchboard.records.ReplyKind;

/** Enforcement, the default mode: identities, policies, confirmation, rate limits, help. */
class PermissionsTopologyTest {

  private static final Conversation OTHER_CHANNEL =
      new Conversation("slack", "ops-slack", "T1", "C2", false);

  /** Ops may run anything in the C1* channels and in direct conversations; nobody may install. */
  private static final String OPS_POLICY =
      String.join(
          "\n",
          "name: ops",
          "rules:",
          "  - id: ops-channels",
          "    effect: allow",
          "    subjects: ['group:ops']",
          "    where: {channels: ['C1*']}",
          "  - id: ops-direct",
          "    effect: allow",
          "    subjects: ['group:ops']",
          "    where: {direct: true}",
          "  - id: no-installs",
          "    effect: deny",
          "    subjects: ['*']",
          "    what: {aliases: [packs.pack_install]}",
          "");

  @TempDir Path stateDir;
  private MatcherDriver matcher;

  @BeforeEach
  void start() {
    matcher = new MatcherDriver(MatcherSettings.defaults(), stateDir);
  }

  @AfterEach
  void stop() {
    matcher.close();
  }

  @Test
  void shouldDenyAnUnlinkedUserWithAHintToLink() {
    matcher.apply(policy(OPS_POLICY));

    matcher.send(message("Ev1", OPS, "!date"));

    assertThat(matcher.commands.isEmpty()).isTrue();
    Reply reply = matcher.replies.readValue();
    assertThat(reply.getKind()).isEqualTo(ReplyKind.DENIED);
    assertThat(reply.getText()).isEqualTo(PolicyPermissions.LINK_HINT);
    AuditRecord entry = matcher.audit.readValue();
    assertThat(entry.getDecision()).isEqualTo(AuditDecision.DENIED);
    assertThat(entry.getRule()).isEqualTo(PolicyPermissions.UNLINKED);
    assertThat(entry.getStackstormUser()).isNull();
  }

  @Test
  void shouldRunAsTheLinkedStackStormUserAndNameTheRule() {
    matcher.link(link("U1", "alice", "ops"));
    matcher.apply(policy(OPS_POLICY));

    matcher.send(message("Ev1", OPS, "!run uptime on web1"));

    CommandRequest command = matcher.commands.readValue();
    assertThat(command.getStackstormUser()).isEqualTo("alice");
    assertThat(command.getDecidedBy()).isEqualTo("ops/ops-channels");
    AuditRecord entry = matcher.audit.readValue();
    assertThat(entry.getDecision()).isEqualTo(AuditDecision.ALLOWED);
    assertThat(entry.getRule()).isEqualTo("ops/ops-channels");
    assertThat(entry.getStackstormUser()).isEqualTo("alice");
    assertThat(entry.getSender().getId()).isEqualTo("U1");
    assertThat(entry.getParameters()).containsEntry("hosts", "web1");
  }

  @Test
  void shouldLetADenyRuleOverrideAnAllowRule() {
    matcher.link(link("U1", "alice", "ops"));
    matcher.apply(policy(OPS_POLICY));

    matcher.send(message("Ev1", OPS, "!pack install st2"));

    assertThat(matcher.commands.isEmpty()).isTrue();
    assertThat(matcher.replies.readValue().getText())
        .isEqualTo("Policy rule `ops/no-installs` denies `packs.pack_install` to alice here.");
    assertThat(matcher.audit.readValue().getRule()).isEqualTo("ops/no-installs");
  }

  @Test
  void shouldAllowOnlyInTheChannelsTheRuleCovers() {
    matcher.link(link("U1", "alice", "ops"));
    matcher.apply(policy(OPS_POLICY));

    matcher.send(message("Ev1", OPS, "!date"));
    matcher.send(message("Ev2", OTHER_CHANNEL, "!date"));
    matcher.send(message("Ev3", DIRECT, "date"));

    assertThat(matcher.commands.readValuesToList())
        .extracting(CommandRequest::getEventId)
        .containsExactly("Ev1", "Ev3");
    assertThat(matcher.audit.readValuesToList())
        .extracting(AuditRecord::getRule)
        .containsExactly("ops/ops-channels", "default-deny", "ops/ops-direct");
  }

  @Test
  void shouldCheckParameterConstraintsOnTheExtractedParameters() {
    matcher.link(link("U1", "alice"));
    matcher.apply(
        policy(
            "name: web\nrules:\n  - id: web-only\n    effect: allow\n    subjects: [alice]\n"
                + "    what: {aliases: [examples.remote_shell_cmd]}\n"
                + "    parameters: {hosts: {regex: 'web[0-9]+'}}\n"));

    matcher.send(message("Ev1", OPS, "!run uptime on web1"));
    matcher.send(message("Ev2", OPS, "!run uptime on db1"));

    assertThat(matcher.commands.readValuesToList())
        .extracting(CommandRequest::getEventId)
        .containsExactly("Ev1");
    assertThat(matcher.audit.readValuesToList())
        .extracting(AuditRecord::getDecision)
        .containsExactly(AuditDecision.ALLOWED, AuditDecision.DENIED);
  }

  private static final String CONFIRM_POLICY =
      "name: careful\nrules:\n  - id: confirm-shell\n    effect: allow\n    subjects: ['*']\n"
          + "    what: {aliases: [examples.*]}\n    confirm: true\n";

  @Test
  void shouldRunAConfirmedCommandOnlyWhenItsSenderApproves() {
    matcher.link(link("U1", "alice"));
    matcher.link(link("U2", "bob"));
    matcher.apply(policy(CONFIRM_POLICY));

    // The prompt: nothing runs yet.
    matcher.send(message("Ev1", OPS, "!run reboot on web1"));
    assertThat(matcher.commands.isEmpty()).isTrue();
    assertThat(matcher.audit.isEmpty()).isTrue();
    Reply prompt = matcher.replies.readValue();
    assertThat(prompt.getKind()).isEqualTo(ReplyKind.PROMPT);
    assertThat(prompt.getPretext()).isEqualTo("Run `run reboot on web1` as `alice`?");
    assertThat(prompt.getButtons())
        .extracting(ReplyButton::getActionId, ReplyButton::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Confirmations.APPROVE, "ops-slack:Ev1"),
            org.assertj.core.groups.Tuple.tuple(Confirmations.CANCEL, "ops-slack:Ev1"));

    // Someone else presses Approve: refused, only they are told, and the command still waits.
    matcher.send(press("Ev2", OPS, "U2", Confirmations.APPROVE, "ops-slack:Ev1"));
    assertThat(matcher.commands.isEmpty()).isTrue();
    Reply refused = matcher.replies.readValue();
    assertThat(refused.getKind()).isEqualTo(ReplyKind.DENIED);
    assertThat(refused.getWhisperTo()).isEqualTo("U2");
    AuditRecord refusal = matcher.audit.readValue();
    assertThat(refusal.getDecision()).isEqualTo(AuditDecision.DENIED);
    assertThat(refusal.getSender().getId()).isEqualTo("U2");

    // The sender approves: the command runs as them.
    matcher.send(press("Ev3", OPS, "U1", Confirmations.APPROVE, "ops-slack:Ev1"));
    CommandRequest command = matcher.commands.readValue();
    assertThat(command.getRequestId()).isEqualTo("ops-slack:Ev1");
    assertThat(command.getStackstormUser()).isEqualTo("alice");
    assertThat(matcher.audit.readValuesToList())
        .extracting(AuditRecord::getDecision, AuditRecord::getRule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditDecision.CONFIRMED, "careful/confirm-shell"),
            org.assertj.core.groups.Tuple.tuple(AuditDecision.ALLOWED, "careful/confirm-shell"));

    // A second press finds nothing to confirm.
    matcher.send(press("Ev4", OPS, "U1", Confirmations.APPROVE, "ops-slack:Ev1"));
    assertThat(matcher.commands.isEmpty()).isTrue();
    assertThat(matcher.replies.readValue().getText()).contains("expired or was already answered");
  }

  @Test
  void shouldCancelWhenTheSenderPressesCancel() {
    matcher.link(link("U1", "alice"));
    matcher.apply(policy(CONFIRM_POLICY));
    matcher.send(message("Ev1", OPS, "!run reboot on web1"));
    matcher.replies.readValue();

    matcher.send(press("Ev2", OPS, "U1", Confirmations.CANCEL, "ops-slack:Ev1"));

    assertThat(matcher.commands.isEmpty()).isTrue();
    assertThat(matcher.replies.readValue().getText())
        .isEqualTo("Cancelled: `run reboot on web1` will not run.");
    AuditRecord entry = matcher.audit.readValue();
    assertThat(entry.getDecision()).isEqualTo(AuditDecision.DENIED);
    assertThat(entry.getReason()).isEqualTo("cancelled by the sender");
  }

  @Test
  void shouldDropAnUnconfirmedCommandWhenTheTimeoutPasses() {
    matcher.link(link("U1", "alice"));
    matcher.apply(policy(CONFIRM_POLICY));
    matcher.send(message("Ev1", OPS, "!run reboot on web1"));
    matcher.replies.readValue();

    matcher.advance(Duration.ofMinutes(5).plusSeconds(30));

    Reply expired = matcher.replies.readValue();
    assertThat(expired.getText())
        .isEqualTo("`run reboot on web1` was not confirmed within 5m, so it will not run.");
    assertThat(matcher.audit.readValue().getReason()).isEqualTo("not confirmed within 5m");
    matcher.send(press("Ev2", OPS, "U1", Confirmations.APPROVE, "ops-slack:Ev1"));
    assertThat(matcher.commands.isEmpty()).isTrue();
  }

  @Test
  void shouldRateLimitPerStackStormUserAcrossChannels() {
    matcher.link(link("U1", "alice"));
    matcher.apply(
        policy(
            "name: limited\nrules:\n  - id: two-a-minute\n    effect: allow\n"
                + "    subjects: ['*']\n    rateLimit: {count: 2, per: 1m}\n"));

    matcher.send(message("Ev1", OPS, "!date"));
    matcher.send(message("Ev2", OTHER_CHANNEL, "!date"));
    matcher.send(message("Ev3", OPS, "!date"));

    assertThat(matcher.commands.readValuesToList())
        .extracting(CommandRequest::getEventId)
        .containsExactly("Ev1", "Ev2");
    Reply limited = matcher.replies.readValue();
    assertThat(limited.getKind()).isEqualTo(ReplyKind.DENIED);
    assertThat(limited.getText())
        .isEqualTo(
            "You have reached the limit of 2 per 1m that rule `limited/two-a-minute` sets; try"
                + " again in 1m.");
    assertThat(matcher.audit.readValuesToList())
        .extracting(AuditRecord::getDecision)
        .containsExactly(AuditDecision.ALLOWED, AuditDecision.ALLOWED, AuditDecision.RATE_LIMITED);

    matcher.advance(Duration.ofMinutes(1));
    matcher.send(message("Ev4", OPS, "!date"));
    assertThat(matcher.commands.readValue().getEventId()).isEqualTo("Ev4");
  }

  @Test
  void shouldListInHelpOnlyWhatTheUserMayRunThere() {
    matcher.link(link("U1", "alice", "ops"));
    matcher.link(link("U2", "bob"));
    matcher.apply(policy(OPS_POLICY));

    matcher.send(message("Ev1", OPS, "!help"));
    matcher.send(from(message("Ev2", OPS, "!help"), "U2", "bob"));
    matcher.send(message("Ev3", OTHER_CHANNEL, "!help"));
    matcher.send(from(message("Ev4", OPS, "!help"), "U3", "carol"));

    List<Reply> replies = matcher.replies.readValuesToList();
    assertThat(replies.get(0).getPretext()).isEqualTo("Commands 1-3 of 3:");
    assertThat(replies.get(0).getText()).contains("`!date`").doesNotContain("pack install");
    assertThat(replies.get(1).getText()).isEqualTo("No commands match.");
    assertThat(replies.get(2).getText()).isEqualTo("No commands match.");
    assertThat(replies.get(3).getText()).isEqualTo(PolicyPermissions.LINK_HINT);
  }

  @Test
  void shouldSuggestOnlyCommandsTheUserMayRun() {
    matcher.link(link("U1", "alice", "ops"));
    matcher.apply(policy(OPS_POLICY));

    matcher.send(message("Ev1", OPS, "!pack instal st2"));

    assertThat(matcher.replies.readValue().getText()).doesNotContain("pack install");
  }

  @Test
  void shouldApplyIdentityAndPolicyChangesToTheNextMessage() {
    matcher.apply(policy(OPS_POLICY));
    matcher.link(link("U1", "alice", "ops"));
    matcher.send(message("Ev1", OPS, "!date"));

    matcher.link(link("U1", "bob"));
    matcher.send(message("Ev2", OPS, "!date"));

    matcher.link(link("U1", "alice", "ops"));
    matcher.apply(policy(OPS_POLICY.replace("C1*", "C9")));
    matcher.send(message("Ev3", OPS, "!date"));

    matcher.identities.pipeInput("slack/T1/U1", (IdentityLink) null);
    matcher.send(message("Ev4", OPS, "!date"));

    assertThat(matcher.commands.readValuesToList())
        .extracting(CommandRequest::getEventId)
        .containsExactly("Ev1");
    assertThat(matcher.audit.readValuesToList())
        .extracting(AuditRecord::getRule)
        .containsExactly(
            "ops/ops-channels", "default-deny", "default-deny", PolicyPermissions.UNLINKED);
  }

  @Test
  void shouldNotChangeWhoTheUserIsWhenTheirDisplayNameChanges() {
    matcher.link(link("U1", "alice", "ops"));
    matcher.apply(policy(OPS_POLICY));

    matcher.send(from(message("Ev1", OPS, "!date"), "U1", "alice"));
    matcher.send(from(message("Ev2", OPS, "!date"), "U1", "Definitely Not Alice"));
    // Mallory renames herself "alice": same name, different id, different person.
    matcher.send(from(message("Ev3", OPS, "!date"), "U666", "alice"));
    // The same user id in another workspace is another person too.
    matcher.send(
        from(
            message("Ev4", new Conversation("slack", "ops-slack", "T2", "C1", false), "!date"),
            "U1",
            "alice"));

    assertThat(matcher.commands.readValuesToList())
        .extracting(CommandRequest::getEventId, CommandRequest::getStackstormUser)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ev1", "alice"),
            org.assertj.core.groups.Tuple.tuple("Ev2", "alice"));
    assertThat(matcher.audit.readValuesToList())
        .extracting(AuditRecord::getRule)
        .containsExactly(
            "ops/ops-channels",
            "ops/ops-channels",
            PolicyPermissions.UNLINKED,
            PolicyPermissions.UNLINKED);
  }

  @Test
  void shouldAnswerWhoami() {
    matcher.link(link("U1", "alice", "ops", "dev"));

    matcher.send(message("Ev1", OPS, "!whoami"));
    matcher.send(from(message("Ev2", OPS, "!whoami"), "U2", "bob"));

    List<Reply> replies = matcher.replies.readValuesToList();
    assertThat(replies.get(0).getText())
        .isEqualTo(
            "You are `alice` in StackStorm (groups: ops, dev).\nChat identity: `slack/T1/U1`.");
    assertThat(replies.get(1).getText()).startsWith("You are not linked to a StackStorm user.");
    assertThat(matcher.commands.isEmpty()).isTrue();
  }

  @Test
  void shouldUnlinkTheSenderWithATombstone() {
    matcher.link(link("U1", "alice", "ops"));
    matcher.apply(policy(OPS_POLICY));

    matcher.send(message("Ev1", OPS, "!unlink"));

    var tombstone = matcher.identityChanges.readKeyValue();
    assertThat(tombstone.key).isEqualTo("slack/T1/U1");
    assertThat(tombstone.value).isNull();
    assertThat(matcher.replies.readValue().getText())
        .startsWith("Unlinked: you are no longer `alice` in StackStorm.");
    AuditRecord entry = matcher.audit.readValue();
    assertThat(entry.getAliasRef()).isEqualTo("switchboard.unlink");
    assertThat(entry.getStackstormUser()).isEqualTo("alice");

    // The tombstone reaches the identity table: the next command is from an unlinked user.
    matcher.send(message("Ev2", OPS, "!date"));
    assertThat(matcher.commands.isEmpty()).isTrue();
    assertThat(matcher.audit.readValue().getRule()).isEqualTo(PolicyPermissions.UNLINKED);
  }

  @Test
  void shouldStartTheLinkFlowOnlyInADirectConversation() {
    matcher.send(message("Ev1", OPS, "!link"));
    matcher.send(message("Ev2", DIRECT, "link"));

    assertThat(matcher.replies.readValue().getText())
        .isEqualTo("Send me `link` in a direct message: the link I answer with is for you alone.");
    CommandRequest link = matcher.commands.readValue();
    assertThat(link.getEventId()).isEqualTo("Ev2");
    assertThat(link.getAliasRef()).isEqualTo("switchboard.link");
    assertThat(link.getStackstormUser()).isNull();
    assertThat(link.getDecidedBy()).isEqualTo(CommandDecisions.SELF_SERVICE);
    assertThat(matcher.commands.isEmpty()).isTrue();
  }
}
