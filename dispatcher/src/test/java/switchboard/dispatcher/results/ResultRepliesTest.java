package switchboard.dispatcher.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import switchboard.dispatcher.Commands;
import switchboard.dispatcher.execution.SourceContexts;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;
import switchboard.schemas.Topics;

class ResultRepliesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final CommandRequest COMMAND = Commands.run("req-7", "uptime", "web1");

  final ResultReplies replies = new ResultReplies(new CommandRecords(Topics.defaults()));

  /** An announcement payload as st2's chatops.post_message publishes it (contract §7). */
  static ObjectNode payload(String message) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("channel", SourceContexts.sourceChannel(COMMAND));
    payload.put("message", message);
    payload.put("user", "alice");
    payload.put("whisper", false);
    payload.putObject("extra");
    ObjectNode context = SourceContexts.of(COMMAND);
    context.put("request_id", "req-7");
    payload.set("context", context);
    return payload;
  }

  @Test
  void shouldRouteTheResultThroughItsContextToTheConversationAndThread() {
    ObjectNode payload = payload("done");
    ObjectNode elsewhere = (ObjectNode) payload.get("context");
    elsewhere.withObjectProperty("conversation").put("channel", "C-other");
    elsewhere.put("thread", "thread-other");

    Reply reply = replies.fromAnnouncement(payload, COMMAND, false, NOW);

    assertThat(reply.getKind()).isEqualTo(ReplyKind.RESULT);
    assertThat(reply.getReplyId()).isEqualTo("req-7/RESULT");
    assertThat(reply.getConversation().getChannel()).isEqualTo("C-other");
    assertThat(reply.getConversation().getConnector()).isEqualTo("ops-slack");
    assertThat(reply.getThread()).isEqualTo("thread-other");
    assertThat(reply.getInReplyTo()).isEqualTo("msg-req-7");
  }

  @Test
  void shouldFallBackToTheLedgersCommandWhenTheContextIsGone() {
    ObjectNode payload = payload("done");
    payload.putNull("context");

    Reply reply = replies.fromAnnouncement(payload, COMMAND, false, NOW);

    assertThat(reply.getConversation()).isEqualTo(Commands.OPS);
    assertThat(reply.getThread()).isEqualTo("thread-req-7");
  }

  @Test
  void shouldSplitThePretextAndMentionTheUser() {
    Reply reply =
        replies.fromAnnouncement(payload("Ran *uptime*:{~}up 3 days"), COMMAND, false, NOW);

    assertThat(reply.getPretext()).isEqualTo("Ran *uptime*:");
    assertThat(reply.getText()).isEqualTo("up 3 days");
    assertThat(reply.getMention()).isEqualTo("U-alice");
    assertThat(reply.getWhisperTo()).isNull();
    assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCESS);
  }

  @Test
  void shouldWhisperToTheSendersChatIdFromTheContext() {
    ObjectNode payload = payload("secret");
    payload.put("whisper", true);
    ((ObjectNode) payload.get("context")).withObjectProperty("sender").put("id", "U-bob");

    Reply reply = replies.fromAnnouncement(payload, COMMAND, false, NOW);

    assertThat(reply.getWhisperTo()).isEqualTo("U-bob");
    assertThat(reply.getMention()).isNull();
  }

  @Test
  void shouldNeitherMentionNorWhisperWithoutAUser() {
    ObjectNode payload = payload("done");
    payload.remove("user");
    payload.put("whisper", true);

    Reply reply = replies.fromAnnouncement(payload, COMMAND, false, NOW);

    assertThat(reply.getMention()).isNull();
    assertThat(reply.getWhisperTo()).isNull();
  }

  @Test
  void shouldPassEveryTopLevelExtraKeyThroughAsAJsonDocument() {
    ObjectNode payload = payload("done");
    payload
        .withObjectProperty("extra")
        .putObject("slack")
        .put("color", "#00ff00")
        .putArray("fields");
    payload.withObjectProperty("extra").putObject("mattermost").put("icon_url", "https://x/i.png");

    Reply reply = replies.fromAnnouncement(payload, COMMAND, false, NOW);

    assertThat(reply.getExtra()).containsOnlyKeys("slack", "mattermost");
    assertThat(json(reply.getExtra().get("slack")))
        .isEqualTo(json("{\"color\": \"#00ff00\", \"fields\": []}"));
  }

  @Test
  void shouldReportFailureWhenTheMessageSaysSoOrTheExecutionFailed() {
    String defaultTemplate = "Action core.remote completed.\nstatus : failed\nexecution: 5f";

    assertThat(replies.fromAnnouncement(payload(defaultTemplate), COMMAND, false, NOW).getStatus())
        .isEqualTo(ReplyStatus.FAILURE);
    assertThat(replies.fromAnnouncement(payload("all good"), COMMAND, true, NOW).getStatus())
        .isEqualTo(ReplyStatus.FAILURE);
    assertThat(
            replies
                .fromAnnouncement(payload("status : succeeded"), COMMAND, false, NOW)
                .getStatus())
        .isEqualTo(ReplyStatus.SUCCESS);
  }

  @Test
  void shouldRenderTheFormattersOutputExactlyAsTheAnnouncementWouldBe() {
    JsonNode formatted = json("{\"message\": \"Ran it:{~}fine\", \"extra\": {\"slack\": {}}}");

    Reply fallback =
        replies.fromAnnouncement(
            ResultReplies.announcementOf(formatted, COMMAND), COMMAND, false, NOW);

    assertThat(fallback.getPretext()).isEqualTo("Ran it:");
    assertThat(fallback.getText()).isEqualTo("fine");
    assertThat(fallback.getExtra()).containsEntry("slack", "{}");
    assertThat(fallback.getConversation()).isEqualTo(Commands.OPS);
    assertThat(fallback.getThread()).isEqualTo("thread-req-7");
    assertThat(fallback.getMention()).isEqualTo("U-alice");
  }

  @Test
  void shouldReadTheRouteBackFromTheContextItWrote() {
    Conversation direct =
        Conversation.newBuilder(Commands.OPS).setChannel("D-1").setDirect(true).build();
    CommandRequest command = CommandRequest.newBuilder(COMMAND).setConversation(direct).build();

    SourceContexts.Route route = SourceContexts.route(SourceContexts.of(command)).orElseThrow();

    assertThat(route.conversation()).isEqualTo(direct);
    assertThat(route.thread()).isEqualTo("thread-req-7");
    assertThat(route.messageId()).isEqualTo("msg-req-7");
    assertThat(route.senderId()).isEqualTo("U-alice");
    assertThat(SourceContexts.sourceChannel(command)).isEqualTo("ops-slack/T1/D-1");
    assertThat(SourceContexts.user(command)).isEqualTo("alice");
    assertThat(
            SourceContexts.user(
                CommandRequest.newBuilder(command).setStackstormUser("st2-alice").build()))
        .isEqualTo("st2-alice");
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
