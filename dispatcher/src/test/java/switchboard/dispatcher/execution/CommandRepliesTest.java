package switchboard.dispatcher.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import switchboard.dispatcher.Commands;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.dispatcher.stackstorm.AliasExecutionResponse;
import switchboard.dispatcher.stackstorm.Execution;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;
import switchboard.records.CommandRequest;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;
import switchboard.schemas.Topics;

class CommandRepliesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final String URL = "https://st2.example.com/#/history/5f00/general";
  static final CommandRequest COMMAND = Commands.run("req-1", "date", "web1");

  final CommandReplies replies = new CommandReplies(new CommandRecords(Topics.defaults()));

  static AliasExecutionResponse response(String alias, String message, String extra) {
    return new AliasExecutionResponse(execution("5f00", URL), json(alias), message, json(extra));
  }

  static Execution execution(String id, String webUrl) {
    JsonNode raw = json("{\"id\": \"" + id + "\", \"status\": \"requested\"}");
    return new Execution(
        id, "core.remote", "requested", webUrl, JSON.createObjectNode(), JSON.nullNode(), raw);
  }

  static JsonNode json(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  Optional<Reply> ack(AckSource source) {
    return replies.ack(COMMAND, source, NOW);
  }

  @Test
  void shouldAppendTheExecutionUrlToTheRenderedMessageByDefaultAsHubot() {
    Optional<Reply> ack = ack(AckSource.of(response("{\"name\": \"x\"}", "Hold tight", null)));

    assertThat(ack).isPresent();
    assertThat(ack.get().getText()).isEqualTo("Hold tight (details available at " + URL + ")");
    assertThat(ack.get().getKind()).isEqualTo(ReplyKind.ACK);
    assertThat(ack.get().getStatus()).isEqualTo(ReplyStatus.NEUTRAL);
    assertThat(ack.get().getPretext()).isNull();
  }

  @Test
  void shouldPostTheAckInTheThreadOfTheCommandAnsweringItsMessage() {
    Reply ack = ack(AckSource.of(response("{}", "ok", null))).orElseThrow();

    assertThat(ack.getConversation()).isEqualTo(COMMAND.getConversation());
    assertThat(ack.getThread()).isEqualTo("thread-req-1");
    assertThat(ack.getInReplyTo()).isEqualTo("msg-req-1");
    assertThat(ack.getReplyId()).isEqualTo("req-1/ACK");
    assertThat(ack.getRequestId()).isEqualTo("req-1");
    assertThat(ack.getCreatedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldLeaveTheUrlOutWhenAppendUrlIsFalse() {
    Optional<Reply> ack =
        ack(AckSource.of(response("{\"ack\": {\"append_url\": false}}", "Hold tight", null)));

    assertThat(ack.orElseThrow().getText()).isEqualTo("Hold tight");
  }

  @Test
  void shouldSendNoAckWhenTheAliasDisablesIt() {
    assertThat(ack(AckSource.of(response("{\"ack\": {\"enabled\": false}}", "x", null)))).isEmpty();
  }

  @Test
  void shouldNameTheExecutionIdWhenStackStormRenderedNoMessage() {
    Reply ack = ack(AckSource.of(response("{}", null, null))).orElseThrow();

    assertThat(ack.getText())
        .isEqualTo(
            "I'll take it from here! Your execution ID for reference is 5f00"
                + " (details available at "
                + URL
                + ")");
  }

  @Test
  void shouldOmitTheSuffixWhenStackStormSentNoWebUrl() {
    AliasExecutionResponse response =
        new AliasExecutionResponse(execution("5f00", null), json("{}"), "ok", null);

    assertThat(ack(AckSource.of(response)).orElseThrow().getText()).isEqualTo("ok");
  }

  @Test
  void shouldPassEachTopLevelKeyOfAckExtraThroughAsJson() {
    Reply ack =
        ack(AckSource.of(
                response(
                    "{}",
                    "ok",
                    "{\"slack\": {\"thread_response\": true, \"color\": \"good\"},"
                        + " \"color\": \"#F35A00\"}")))
            .orElseThrow();

    assertThat(ack.getExtra())
        .containsOnlyKeys("slack", "color")
        .containsEntry("color", "\"#F35A00\"");
    assertThat(json(ack.getExtra().get("slack")))
        .isEqualTo(json("{\"thread_response\": true, \"color\": \"good\"}"));
  }

  @Test
  void shouldAckAReconciledExecutionWithTheDefaultLineHonouringTheCataloguedAlias() {
    Execution found = execution("5f01", URL);
    AliasDefinition noUrl =
        AliasDefinition.newBuilder()
            .setRef("examples.remote_shell_cmd")
            .setName("remote_shell_cmd")
            .setPack("examples")
            .setActionRef("core.remote")
            .setFormats(java.util.List.of())
            .setAck(new AliasAck(true, "Hold tight", false, null))
            .build();

    assertThat(ack(AckSource.reconciled(found, Optional.empty())).orElseThrow().getText())
        .isEqualTo(
            "I'll take it from here! Your execution ID for reference is 5f01"
                + " (details available at "
                + URL
                + ")");
    assertThat(ack(AckSource.reconciled(found, Optional.of(noUrl))).orElseThrow().getText())
        .isEqualTo("I'll take it from here! Your execution ID for reference is 5f01");
  }

  @Test
  void shouldTellTheUserOnceWhatIsQueuedAndWhenIGiveUp() {
    Reply queued = replies.queued(COMMAND, Duration.ofMinutes(5), NOW);

    assertThat(queued.getKind()).isEqualTo(ReplyKind.INFO);
    assertThat(queued.getText())
        .isEqualTo(
            "StackStorm is unavailable right now, so `run date on web1` is queued: it runs as soon"
                + " as StackStorm is back (I give up after 5 minutes).");
    assertThat(queued.getThread()).isEqualTo("thread-req-1");
  }

  @Test
  void shouldSurfaceStackStormsFaultstringVerbatimAsAnError() {
    String fault = "Format string \"nope\" is not available on the alias \"remote_shell_cmd\"";

    Reply rejected = replies.rejected(COMMAND, fault, NOW);

    assertThat(rejected.getKind()).isEqualTo(ReplyKind.ERROR);
    assertThat(rejected.getStatus()).isEqualTo(ReplyStatus.FAILURE);
    assertThat(rejected.getPretext()).isEqualTo("StackStorm could not run `run date on web1`:");
    assertThat(rejected.getText()).isEqualTo(fault);
    assertThat(rejected.getMention()).isEqualTo("U-alice");
    assertThat(rejected.getReplyId()).isEqualTo("req-1/ERROR");
  }

  @Test
  void shouldSayHowLongStackStormWasAwayWhenGivingUp() {
    Reply gaveUp =
        replies.gaveUp(COMMAND, "StackStorm is unavailable (503)", Duration.ofSeconds(45), NOW);

    assertThat(gaveUp.getText())
        .isEqualTo(
            "StackStorm stayed unavailable for 45 seconds (StackStorm is unavailable (503))."
                + " Please run it again once StackStorm is back.");
    assertThat(CommandReplies.words(Duration.ofHours(3))).isEqualTo("3 hours");
    assertThat(CommandReplies.words(Duration.ofSeconds(1))).isEqualTo("1 second");
  }
}
