package switchboard.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;
import switchboard.records.AliasFormat;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.ChatEvent;
import switchboard.records.ChatEventKind;
import switchboard.records.ChatUser;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.records.DeadLetter;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;
import switchboard.records.ExecutionUpdate;
import switchboard.records.IdentityLink;
import switchboard.records.Interaction;
import switchboard.records.Policy;
import switchboard.records.PolicyEffect;
import switchboard.records.PolicyRule;
import switchboard.records.RateLimit;
import switchboard.records.Reply;
import switchboard.records.ReplyButton;
import switchboard.records.ReplyField;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;

/** One fully populated record of every type on every topic. */
public final class SampleRecords {

  public static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
  public static final Conversation CONVERSATION =
      new Conversation("slack", "ops-slack", "T0001", "C0001", false);
  public static final ChatUser SENDER = new ChatUser("U0001", "alice");

  private SampleRecords() {}

  public static Map<TopicSpec<?>, SpecificRecord> oneOfEach(Topics topics) {
    return Map.of(
        topics.events(), chatEvent(),
        topics.commands(), command(),
        topics.replies(), reply(),
        topics.executions(), execution(),
        topics.audit(), audit(),
        topics.aliases(), alias(),
        topics.identities(), identity(),
        topics.policies(), policy(),
        topics.deadLetters(), deadLetter(),
        topics.dispatchLedger(), ledgerEntry());
  }

  public static ChatEvent chatEvent() {
    return ChatEvent.newBuilder()
        .setEventId("Ev01")
        .setKind(ChatEventKind.INTERACTION)
        .setConversation(CONVERSATION)
        .setThread("1700000000.000100")
        .setMessageId("1700000001.000200")
        .setSender(SENDER)
        .setText("<@U0BOT> run date on localhost")
        .setBotMentions(List.of("<@U0BOT>"))
        .setInteraction(new Interaction("approve", "yes", "r1"))
        .setReceivedAt(T)
        .setAttributes(Map.of("slack.channel_type", "channel"))
        .build();
  }

  public static CommandRequest command() {
    return CommandRequest.newBuilder()
        .setRequestId("ops-slack:Ev01")
        .setEventId("Ev01")
        .setConversation(CONVERSATION)
        .setThread("1700000000.000100")
        .setSender(SENDER)
        .setStackstormUser("alice")
        .setAliasRef("examples.remote_shell_cmd")
        .setAliasName("remote_shell_cmd")
        .setActionRef("core.remote")
        .setRepresentation("run {{cmd}} on {{hosts}}")
        .setCommand("run date on localhost")
        .setParameters(java.util.Collections.singletonMap("cmd", (String) null))
        .setDecidedBy("ops-allow")
        .setReceivedAt(T)
        .setMatchedAt(T.plusMillis(3))
        .build();
  }

  public static Reply reply() {
    return Reply.newBuilder()
        .setReplyId("ops-slack:Ev01/ACK/0")
        .setRequestId("ops-slack:Ev01")
        .setKind(ReplyKind.ACK)
        .setConversation(CONVERSATION)
        .setThread("1700000000.000100")
        .setMention("U0001")
        .setWhisperTo(null)
        .setStatus(ReplyStatus.SUCCESS)
        .setPretext("Ran command")
        .setText("execution 5f00 *succeeded*")
        .setFields(List.of(new ReplyField("status", "succeeded", true)))
        .setCodeBlocks(List.of("Sat Nov 28 12:00:00 UTC 2026"))
        .setButtons(List.of(new ReplyButton("approve", "Approve", "yes", "primary")))
        .setExtra(Map.of("slack", "{\"color\":\"#00ff00\"}"))
        .setCreatedAt(T)
        .build();
  }

  public static ExecutionUpdate execution() {
    return ExecutionUpdate.newBuilder()
        .setRequestId("ops-slack:Ev01")
        .setExecutionId("5f00")
        .setStatus("succeeded")
        .setTerminal(true)
        .setActionRef("core.remote")
        .setAliasRef("examples.remote_shell_cmd")
        .setConversation(CONVERSATION)
        .setThread(null)
        .setWebUrl("https://st2/#/history/5f00/general")
        .setStackstormUser("alice")
        .setUpdatedAt(T)
        .build();
  }

  public static AuditRecord audit() {
    return AuditRecord.newBuilder()
        .setAuditId("ops-slack:Ev01/ALLOWED")
        .setRequestId("ops-slack:Ev01")
        .setEventId("Ev01")
        .setDecision(AuditDecision.ALLOWED)
        .setReason("allowed by ops-allow")
        .setRule("ops-allow")
        .setComponent("alias-matcher")
        .setConversation(CONVERSATION)
        .setSender(SENDER)
        .setStackstormUser("alice")
        .setCommand("run date on localhost")
        .setAliasRef("examples.remote_shell_cmd")
        .setParameters(Map.of("cmd", "date"))
        .setExecutionId(null)
        .setExecutionStatus(null)
        .setTime(T)
        .build();
  }

  public static AliasDefinition alias() {
    return AliasDefinition.newBuilder()
        .setId("5f0a")
        .setRef("examples.remote_shell_cmd")
        .setUid("action_alias:examples:remote_shell_cmd")
        .setName("remote_shell_cmd")
        .setPack("examples")
        .setDescription("Execute a command on a remote host via SSH.")
        .setEnabled(true)
        .setActionRef("core.remote")
        .setFormats(
            List.of(
                new AliasFormat(
                    "run {{cmd}} on {{hosts}}", List.of("run {{cmd}} on {{hosts}}"), false)))
        .setAck(new AliasAck(true, "Running {{execution.parameters.cmd}}", null, null))
        .setResult(null)
        .setExtraJson("{\"color\":\"red\"}")
        .setImmutableParametersJson(null)
        .setMetadataFile("aliases/remote_shell_cmd.yaml")
        .build();
  }

  public static IdentityLink identity() {
    return new IdentityLink("slack", "T0001", "U0001", "alice", List.of("ops"), "self-service", T);
  }

  public static Policy policy() {
    PolicyRule rule =
        PolicyRule.newBuilder()
            .setId("ops-allow")
            .setEffect(PolicyEffect.ALLOW)
            .setSubjects(List.of("group:ops"))
            .setChannels(List.of("C0*"))
            .setAliases(List.of("examples.*"))
            .setConfirm(true)
            .setRateLimit(new RateLimit(5, 60))
            .build();
    return new Policy("ops", 3, List.of(rule), "rules: []", "admin", T);
  }

  public static DispatchLedgerEntry ledgerEntry() {
    return DispatchLedgerEntry.newBuilder()
        .setRequestId("ops-slack:Ev01")
        .setState(DispatchState.SUBMITTED)
        .setCommand(command())
        .setExecutionId("5f00")
        .setExecutionStatus("running")
        .setWebUrl("https://st2/#/history/5f00/general")
        .setAttempts(1)
        .setDetail(null)
        .setUpdatedAt(T)
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetters.of(
        "notifier",
        "chatops.replies",
        2,
        42L,
        "k".getBytes(),
        new byte[] {1, 2, 3},
        ReasonCode.UNDECODABLE,
        "magic byte 1",
        T);
  }
}
