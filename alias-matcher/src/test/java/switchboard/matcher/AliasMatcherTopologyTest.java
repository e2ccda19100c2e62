package switchboard.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.matcher.MatcherFixtures.DIRECT;
import static switchboard.matcher.MatcherFixtures.OPS;
import static switchboard.matcher.MatcherFixtures.alias;
import static switchboard.matcher.MatcherFixtures.message;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import switchboard.matcher.policy.OpenPermissions;
import switchboard.matcher.policy.PermissionMode;
import switchboard.records.AliasDefinition;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.ChatEvent;
import switchboard.records.CommandRequest;
import switchboard.records.DeadLetter;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.schemas.SecretParameters;

/**
 * Matching, help, dedupe and dead letters, in the sandbox's open mode (chosen explicitly, as in
 * production); enforcement is {@link PermissionsTopologyTest}.
 */
class AliasMatcherTopologyTest {

  @TempDir Path stateDir;
  private MatcherDriver matcher;
  private TestInputTopic<String, AliasDefinition> aliases;
  private TestInputTopic<String, byte[]> rawEvents;
  private TestOutputTopic<String, CommandRequest> commands;
  private TestOutputTopic<String, Reply> replies;
  private TestOutputTopic<String, AuditRecord> audit;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void start() {
    matcher =
        new MatcherDriver(
            MatcherSettings.defaults().withPermissions(PermissionMode.OPEN), stateDir);
    aliases = matcher.aliases;
    rawEvents = matcher.rawEvents;
    commands = matcher.commands;
    replies = matcher.replies;
    audit = matcher.audit;
    deadLetters = matcher.deadLetters;
  }

  @AfterEach
  void stop() {
    matcher.close();
  }

  private void send(ChatEvent event) {
    matcher.send(event);
  }

  @Test
  void shouldTurnAMatchingMessageIntoOneCommandKeyedByRequestId() {
    send(message("Ev1", OPS, "!run date on web1"));

    var command = commands.readKeyValue();
    assertThat(command.key).isEqualTo("ops-slack:Ev1");
    assertThat(command.value.getAliasRef()).isEqualTo("examples.remote_shell_cmd");
    assertThat(command.value.getAliasName()).isEqualTo("remote_shell_cmd");
    assertThat(command.value.getRepresentation()).isEqualTo("run {{cmd}} on {{hosts}}");
    assertThat(command.value.getCommand()).isEqualTo("run date on web1");
    assertThat(command.value.getParameters())
        .containsEntry("cmd", "date")
        .containsEntry("hosts", "web1");
    assertThat(command.value.getThread()).isEqualTo("1700000000.000100");
    assertThat(command.value.getDecidedBy()).isEqualTo(OpenPermissions.DECIDED_BY);
    assertThat(commands.isEmpty()).isTrue();
    AuditRecord entry = audit.readValue();
    assertThat(entry.getDecision()).isEqualTo(AuditDecision.ALLOWED);
    assertThat(entry.getAliasRef()).isEqualTo("examples.remote_shell_cmd");
    assertThat(replies.isEmpty()).isTrue();
  }

  @Test
  void shouldAcceptAMentionOrADirectConversationInsteadOfThePrefix() {
    send(message("Ev1", OPS, "<@U0BOT> date", "<@U0BOT>"));
    send(message("Ev2", DIRECT, "date"));
    send(message("Ev3", OPS, "date"));

    assertThat(commands.readValuesToList())
        .extracting(CommandRequest::getEventId)
        .containsExactly("Ev1", "Ev2");
  }

  @Test
  void shouldRunAMatchMultipleAliasWhenNoPlainFormatMatches() {
    aliases.pipeInput(
        "net.ping_all",
        MatcherFixtures.multiAlias(
            "net", "ping_all", "net.ping", "(?:\\b|^)ping (?P<host>\\S+)(?:\\s|$)"));

    send(message("Ev1", OPS, "!ping a ping b"));

    CommandRequest command = commands.readValue();
    assertThat(command.getAliasRef()).isEqualTo("net.ping_all");
    assertThat(command.getParameters()).containsEntry("host", "a");
  }

  @Test
  void shouldNameTheCandidatesWhenACommandIsAmbiguous() {
    aliases.pipeInput(
        "net.ping",
        alias("net", "ping", "net.ping", "ping {{host}}", "ping {{host}} count {{count}}"));

    send(message("Ev1", OPS, "!ping web1 count 3"));

    assertThat(commands.isEmpty()).isTrue();
    Reply reply = replies.readValue();
    assertThat(reply.getKind()).isEqualTo(ReplyKind.AMBIGUOUS);
    assertThat(reply.getText())
        .contains("`ping {{host}}` (net.ping)")
        .contains("`ping {{host}} count {{count}}` (net.ping)");
    assertThat(audit.readValue().getReason())
        .isEqualTo("Command 'ping web1 count 3' matched more than 1 pattern");
  }

  @Test
  void shouldSuggestCloseCommandsWhenNothingMatches() {
    send(message("Ev1", OPS, "!pack instal st2"));

    Reply reply = replies.readValue();
    assertThat(reply.getKind()).isEqualTo(ReplyKind.NO_MATCH);
    assertThat(reply.getPretext()).isEqualTo("Sorry, I don't know `pack instal st2`.");
    assertThat(reply.getText()).contains("`!pack install {{packs}}`");
    assertThat(reply.getThread()).isEqualTo("1700000000.000100");
    assertThat(audit.readValue().getDecision()).isEqualTo(AuditDecision.NO_MATCH);
  }

  @Test
  void shouldListHelpAndFilterItByPack() {
    send(message("Ev1", OPS, "!help"));
    send(message("Ev2", OPS, "!help pack packs"));

    Reply all = replies.readValue();
    assertThat(all.getKind()).isEqualTo(ReplyKind.HELP);
    assertThat(all.getPretext()).isEqualTo("Commands 1-4 of 4:");
    Reply packs = replies.readValue();
    assertThat(packs.getText()).contains("`!pack install {{packs}}`").doesNotContain("date");
    assertThat(audit.readValuesToList())
        .extracting(AuditRecord::getDecision)
        .containsOnly(AuditDecision.HELP);
  }

  @Test
  void shouldRunADuplicatedEventOnce() {
    ChatEvent event = message("Ev1", OPS, "!date");

    send(event);
    send(event);

    assertThat(commands.readValuesToList()).hasSize(1);
    assertThat(audit.readValuesToList())
        .extracting(AuditRecord::getDecision)
        .containsExactly(AuditDecision.ALLOWED, AuditDecision.DUPLICATE);
  }

  @Test
  void shouldDeadLetterAPoisonRecordAndGoOn() {
    rawEvents.pipeInput("ops-slack/T1/C1", "not avro".getBytes());
    send(message("Ev2", OPS, "!date"));

    var letter = deadLetters.readKeyValue();
    assertThat(letter.key).isEqualTo("chatops.events");
    assertThat(letter.value.getReasonCode()).isEqualTo("UNDECODABLE");
    assertThat(letter.value.getComponent()).isEqualTo("alias-matcher");
    assertThat(letter.value.getOffset()).isZero();
    assertThat(letter.value.getOriginalValue().array()).isEqualTo("not avro".getBytes());
    assertThat(commands.readValue().getEventId()).isEqualTo("Ev2");
  }

  @Test
  void shouldForgetADeletedAliasAndSkipADisabledOne() {
    aliases.pipeInput("core.local_date", (AliasDefinition) null);
    AliasDefinition disabled = alias("packs", "pack_get", "packs.get", "pack get {{pack}}");
    disabled.setEnabled(false);
    aliases.pipeInput(disabled.getRef(), disabled);

    send(message("Ev1", OPS, "!date"));
    send(message("Ev2", OPS, "!pack get st2"));

    assertThat(commands.isEmpty()).isTrue();
    assertThat(replies.readValuesToList())
        .extracting(Reply::getKind)
        .containsOnly(ReplyKind.NO_MATCH);
  }

  @Test
  void shouldMaskSecretParametersInTheAudit() {
    aliases.pipeInput(
        "vault.login", alias("vault", "login", "vault.login", "vault login {{user}} {{password}}"));

    send(message("Ev1", OPS, "!vault login bob hunter2"));

    assertThat(commands.readValue().getParameters()).containsEntry("password", "hunter2");
    AuditRecord entry = audit.readValue();
    assertThat(entry.getParameters())
        .containsEntry("user", "bob")
        .containsEntry("password", SecretParameters.MASK);
    assertThat(entry.getCommand()).isEqualTo("vault login bob " + SecretParameters.MASK);
  }

  @Test
  void shouldMaskWhatStackStormMarksSecretWhateverItsNameAndTellTheDispatcher() {
    // Given an action whose parameter "pin" StackStorm marks secret: true
    AliasDefinition unlock =
        alias("doors", "unlock", "doors.unlock", "unlock {{door}} with {{pin}}");
    unlock.setSecretParameters(List.of("pin"));
    aliases.pipeInput(unlock.getRef(), unlock);

    send(message("Ev1", OPS, "!unlock front with 4711"));

    CommandRequest command = commands.readValue();
    assertThat(command.getParameters()).containsEntry("pin", "4711");
    assertThat(command.getSecretParameters()).containsExactly("pin");
    AuditRecord entry = audit.readValue();
    assertThat(entry.getParameters())
        .containsEntry("door", "front")
        .containsEntry("pin", SecretParameters.MASK);
    assertThat(entry.getCommand()).isEqualTo("unlock front with " + SecretParameters.MASK);
  }

  @Test
  void shouldIgnoreMessagesNotAddressedToTheBot() {
    send(message("Ev1", OPS, "anyone around?"));

    assertThat(commands.isEmpty()).isTrue();
    assertThat(replies.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }
}
