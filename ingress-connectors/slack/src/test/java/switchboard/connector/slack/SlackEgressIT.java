package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static switchboard.connector.slack.ReplyFixture.reply;
import static switchboard.connector.slack.SlackTestConnectors.create;
import static switchboard.connector.slack.SlackTestConnectors.socketConfig;
import static switchboard.testkit.slack.SlackSamples.CHANNEL_ID;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.connector.DeliveryResult;
import switchboard.testkit.connectors.CapturingSink;
import switchboard.testkit.slack.ApiCall;
import switchboard.testkit.slack.LocalSlack;
import switchboard.testkit.slack.PostedMessage;
import switchboard.testkit.slack.TokenKind;
import switchboard.testkit.slack.UploadedFile;

/**
 * Replies posted through the Web API of the local Slack. The connector is never started: the
 * notifier may use an instance for egress only.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlackEgressIT {

  private static final String THREAD = "1718000000.000100";

  private LocalSlack slack;
  private SlackConnector connector;

  @BeforeEach
  void start() {
    slack = LocalSlack.start();
    connector =
        create(
            "ops-slack",
            socketConfig(slack, SlackConnectorConfig.FILE_UPLOAD_THRESHOLD_CHARS_CONFIG, "5000"),
            new CapturingSink());
  }

  @AfterEach
  void stop() {
    connector.close();
    slack.close();
  }

  private DeliveryResult deliver(ReplyFixture reply) {
    return connector.deliver(reply.build());
  }

  @Test
  void shouldPostBlockKitWithTheBotTokenAsAForm() {
    DeliveryResult result = deliver(reply("*done*").mention("U0ALICE01"));

    PostedMessage posted = slack.messages(CHANNEL_ID).get(0);
    assertThat(result).isEqualTo(new DeliveryResult.Delivered(List.of(posted.ts())));
    assertThat(posted.blocks().get(0).get("text").get("text").asText())
        .isEqualTo("<@U0ALICE01>: *done*");
    ApiCall call = slack.calls("chat.postMessage").get(0);
    assertThat(call.tokenKind()).isEqualTo(TokenKind.BOT);
    assertThat(call.tokenInHeader()).isTrue();
    assertThat(call.contentType()).startsWith("application/x-www-form-urlencoded");
  }

  @Test
  void shouldPostIntoTheCommandsThread() {
    deliver(reply("in the thread").thread(THREAD));

    assertThat(slack.messages(CHANNEL_ID))
        .extracting(PostedMessage::threadTs)
        .containsExactly(THREAD);
  }

  @Test
  void shouldWhisperWithAnEphemeralMessage() {
    DeliveryResult result = deliver(reply("only for you").whisperTo("U0ALICE01").thread(THREAD));

    PostedMessage posted = slack.messages(CHANNEL_ID).get(0);
    assertThat(result).isEqualTo(new DeliveryResult.Delivered(List.of(posted.ts())));
    assertThat(posted.ephemeralTo()).isEqualTo("U0ALICE01");
    assertThat(posted.threadTs()).isEqualTo(THREAD);
    assertThat(slack.calls("chat.postEphemeral")).hasSize(1);
  }

  @Test
  void shouldReturnRetryAfterWhenSlackAnswers429() {
    slack.rateLimitNextCalls("chat.postMessage", 1, Duration.ofSeconds(3));

    DeliveryResult limited = deliver(reply("later"));
    DeliveryResult retried = deliver(reply("later"));

    assertThat(limited)
        .isEqualTo(
            new DeliveryResult.RetryAfter(
                Duration.ofSeconds(3), "chat.postMessage answered HTTP 429"));
    assertThat(retried).isInstanceOf(DeliveryResult.Delivered.class);
    assertThat(slack.messages(CHANNEL_ID)).hasSize(1);
  }

  @Test
  void shouldPostNoPartTwiceWhenAMultiPartReplyIsRetried() {
    // Given Slack's per-channel limit and a reply of two messages
    slack.limitChannelRate(CHANNEL_ID, Duration.ofMillis(500), Duration.ofSeconds(1));
    ReplyFixture reply = reply("many results").id("r-7-result-0");
    IntStream.rangeClosed(1, 60).forEach(i -> reply.code("result " + i));

    // When the second message is rate-limited and the notifier tries again until it passes
    DeliveryResult first = deliver(reply);
    DeliveryResult done =
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> deliver(reply), r -> r instanceof DeliveryResult.Delivered);

    // Then each part was posted once
    assertThat(first).isInstanceOf(DeliveryResult.RetryAfter.class);
    List<PostedMessage> posted = slack.messages(CHANNEL_ID);
    assertThat(posted).hasSize(2);
    assertThat(done)
        .isEqualTo(new DeliveryResult.Delivered(posted.stream().map(PostedMessage::ts).toList()));
    assertThat(deliver(reply)).isEqualTo(done);
    assertThat(slack.messages(CHANNEL_ID)).hasSize(2);
  }

  @Test
  void shouldUploadLongOutputIntoTheThreadOfItsSummary() {
    String output = "log line\n".repeat(1_000);

    DeliveryResult result = deliver(reply(output).pretext("Action core.local completed."));

    PostedMessage summary = slack.messages(CHANNEL_ID).get(0);
    UploadedFile file = slack.files().get(0);
    assertThat(file.text()).isEqualTo(output);
    assertThat(file.channel()).isEqualTo(CHANNEL_ID);
    assertThat(file.threadTs()).isEqualTo(summary.ts());
    assertThat(file.title()).isEqualTo("Action core.local completed.");
    assertThat(result).isEqualTo(new DeliveryResult.Delivered(List.of(summary.ts(), file.id())));
    assertThat(slack.calls())
        .extracting(ApiCall::method)
        .containsExactly(
            "chat.postMessage", "files.getUploadURLExternal", "files.completeUploadExternal");
  }

  @Test
  void shouldUploadLongOutputIntoTheCommandsThread() {
    deliver(reply("x").code("y".repeat(6_000)).thread(THREAD));

    assertThat(slack.files()).extracting(UploadedFile::threadTs).containsExactly(THREAD);
    assertThat(slack.messages(CHANNEL_ID))
        .extracting(PostedMessage::threadTs)
        .containsExactly(THREAD);
  }

  @Test
  void shouldHaveEveryPartOfARichReplyAcceptedBySlack() {
    ReplyFixture reply =
        reply("t".repeat(4_500))
            .pretext("p".repeat(3_500))
            .mention("U0ALICE01")
            .status("success")
            .code("<html>&nbsp;</html>");
    IntStream.rangeClosed(1, 12).forEach(i -> reply.field("f" + i, "v".repeat(2_100)));
    IntStream.rangeClosed(1, 30).forEach(i -> reply.button("b" + i, "B" + i, "v" + i, "danger"));

    DeliveryResult result = deliver(reply);

    assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
    assertThat(slack.calls("chat.postMessage")).allSatisfy(c -> assertThat(c.ok()).isTrue());
  }

  @Test
  void shouldPassExtraSlackThroughAsHubotDid() {
    deliver(
        reply("Info")
            .slackExtra(
                """
                {"icon_emoji": ":jira:", "attachments": [{"color": "#042A60", "title": "OPS-1"}]}
                """));

    ApiCall call = slack.calls("chat.postMessage").get(0);
    assertThat(call.ok()).isTrue();
    assertThat(call.param("icon_emoji")).isEqualTo(":jira:");
    assertThat(call.json("attachments").get(0).get("title").asText()).isEqualTo("OPS-1");
  }

  @Test
  void shouldFailPermanentlyWhenTheChannelIsGone() {
    DeliveryResult result = deliver(reply("nowhere").channel("C0GONE001"));

    assertThat(result)
        .isEqualTo(
            new DeliveryResult.PermanentFailure("chat.postMessage answered channel_not_found"));
  }

  @Test
  void shouldFailTransientlyOnSlacksInternalError() {
    slack.failNextCalls("chat.postMessage", 1, "internal_error");

    assertThat(deliver(reply("soon"))).isInstanceOf(DeliveryResult.TransientFailure.class);
    assertThat(deliver(reply("soon"))).isInstanceOf(DeliveryResult.Delivered.class);
  }

  @Test
  void shouldNameTheBotTokenWhenSlackRefusesIt() {
    SlackConnector refused =
        create(
            "ops-slack",
            socketConfig(slack, SlackConnectorConfig.BOT_TOKEN_CONFIG, "xoxb-revoked"),
            new CapturingSink());

    DeliveryResult result = refused.deliver(reply("hello").build());
    refused.close();

    assertThat(result).isInstanceOf(DeliveryResult.PermanentFailure.class);
    assertThat(((DeliveryResult.PermanentFailure) result).reason())
        .contains("invalid_auth", "bot.token");
  }
}
