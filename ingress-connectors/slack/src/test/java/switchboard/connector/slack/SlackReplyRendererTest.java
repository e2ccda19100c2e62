package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.connector.slack.ReplyFixture.reply;
import static switchboard.testkit.slack.SlackSamples.CHANNEL_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class SlackReplyRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SlackRendering RENDERING = new SlackRendering(12_000, "#dfdfdf", "danger");

  private final SlackReplyRenderer renderer = new SlackReplyRenderer(RENDERING);

  private List<SlackCall> render(ReplyFixture reply) {
    return renderer.render(reply.build());
  }

  private SlackCall.Post onlyPost(ReplyFixture reply) {
    List<SlackCall> calls = render(reply);
    assertThat(calls).hasSize(1).first().isInstanceOf(SlackCall.Post.class);
    return (SlackCall.Post) calls.get(0);
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static List<String> sectionTexts(JsonNode blocks) {
    List<String> texts = new ArrayList<>();
    for (JsonNode block : blocks) {
      if (block.path("type").asText().equals("section") && block.has("text")) {
        texts.add(block.path("text").path("text").asText());
      }
    }
    return texts;
  }

  @Test
  void shouldRenderAPlainReplyAsOneMrkdwnSection() throws Exception {
    SlackCall.Post post = onlyPost(reply("*3 packs* installed"));

    assertThat(post.method()).isEqualTo("chat.postMessage");
    assertThat(post.args())
        .isEqualTo(
            json(
                """
                {"channel": "C0OPS0001", "text": "*3 packs* installed",
                 "blocks": [{"type": "section",
                             "text": {"type": "mrkdwn", "text": "*3 packs* installed"}}]}
                """));
  }

  @Test
  void shouldLeadWithTheMentionAndThePretextAsHubotDid() {
    SlackCall.Post post =
        onlyPost(reply("status : succeeded").mention("U0ALICE01").pretext("Action done."));

    assertThat(sectionTexts(post.args().get("blocks")))
        .containsExactly("<@U0ALICE01>: Action done.", "status : succeeded");
    assertThat(post.args().get("text").asText()).isEqualTo("<@U0ALICE01>: Action done.");
  }

  @Test
  void shouldWrapTheBlocksInAColourBarForSuccessAndFailure() {
    SlackCall.Post success = onlyPost(reply("ok").status("success"));
    SlackCall.Post failure = onlyPost(reply("boom").status("failure"));

    JsonNode attachment = success.args().get("attachments").get(0);
    assertThat(success.args().has("blocks")).isFalse();
    assertThat(success.args().has("text")).isFalse();
    assertThat(attachment.get("color").asText()).isEqualTo("#dfdfdf");
    assertThat(attachment.get("fallback").asText()).isEqualTo("ok");
    assertThat(sectionTexts(attachment.get("blocks"))).containsExactly("ok");
    assertThat(failure.args().get("attachments").get(0).get("color").asText()).isEqualTo("danger");
  }

  @Test
  void shouldRenderFieldsAsSectionFieldsTenPerSection() {
    ReplyFixture reply = reply("hosts");
    IntStream.rangeClosed(1, 12).forEach(i -> reply.field("host" + i, "up"));

    JsonNode blocks = onlyPost(reply).args().get("blocks");

    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(1).get("fields")).hasSize(10);
    assertThat(blocks.get(2).get("fields")).hasSize(2);
    assertThat(blocks.get(1).get("fields").get(0).get("text").asText()).isEqualTo("*host1*\nup");
    assertThat(blocks.get(1).get("fields").get(0).get("type").asText()).isEqualTo("mrkdwn");
  }

  @Test
  void shouldFenceCodeBlocksAndEscapeTheirMarkup() {
    SlackCall.Post post = onlyPost(reply("").code("<!channel> a && b > c"));

    assertThat(sectionTexts(post.args().get("blocks")))
        .containsExactly("```&lt;!channel&gt; a &amp;&amp; b &gt; c```");
  }

  @Test
  void shouldRenderButtonsAsActionsNamingTheReply() throws Exception {
    SlackCall.Post post =
        onlyPost(
            reply("Approve?")
                .id("r-42-prompt-0")
                .button("approve", "Approve", "yes", "primary")
                .button("later", "Later", "no", "secondary"));

    assertThat(post.args().get("blocks").get(1))
        .isEqualTo(
            json(
                """
                {"type": "actions", "block_id": "switchboard:0:r-42-prompt-0",
                 "elements": [
                   {"type": "button", "action_id": "approve",
                    "text": {"type": "plain_text", "text": "Approve"}, "value": "yes",
                    "style": "primary"},
                   {"type": "button", "action_id": "later",
                    "text": {"type": "plain_text", "text": "Later"}, "value": "no"}]}
                """));
  }

  @Test
  void shouldPutMoreThanTwentyFiveButtonsInSeveralActionsBlocks() {
    ReplyFixture reply = reply("pick one");
    IntStream.rangeClosed(1, 30).forEach(i -> reply.button("b" + i, "B" + i, "v" + i, null));

    JsonNode blocks = onlyPost(reply).args().get("blocks");

    assertThat(blocks.get(1).get("elements")).hasSize(25);
    assertThat(blocks.get(2).get("elements")).hasSize(5);
    assertThat(blocks.get(2).get("block_id").asText()).isEqualTo("switchboard:1:r-1-result-0");
  }

  @Test
  void shouldPostIntoTheRepliesThread() {
    SlackCall.Post post = onlyPost(reply("in thread").thread("1718000000.000100"));

    assertThat(post.args().get("thread_ts").asText()).isEqualTo("1718000000.000100");
  }

  @Test
  void shouldWhisperWithChatPostEphemeralAndNoMention() {
    SlackCall.Post post = onlyPost(reply("only you").whisperTo("U0ALICE01").mention("U0ALICE01"));

    assertThat(post.method()).isEqualTo("chat.postEphemeral");
    assertThat(post.args().get("user").asText()).isEqualTo("U0ALICE01");
    assertThat(sectionTexts(post.args().get("blocks"))).containsExactly("only you");
  }

  @Test
  void shouldSplitLongTextIntoSectionsOfAtMost3000Characters() {
    String text = "line of output number\n".repeat(500);

    JsonNode blocks = onlyPost(reply(text)).args().get("blocks");

    assertThat(sectionTexts(blocks))
        .hasSize(4)
        .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(3_000));
    assertThat(String.join("", sectionTexts(blocks))).isEqualTo(text);
  }

  @Test
  void shouldSplitIntoMessagesOfAtMostFiftyBlocks() {
    ReplyFixture reply = reply("many results");
    IntStream.rangeClosed(1, 60).forEach(i -> reply.code("result " + i));

    List<SlackCall> calls = render(reply);

    assertThat(calls).hasSize(2);
    assertThat(((SlackCall.Post) calls.get(0)).args().get("blocks")).hasSize(50);
    assertThat(((SlackCall.Post) calls.get(1)).args().get("blocks")).hasSize(11);
  }

  @Test
  void shouldUploadOutputBeyondTheThresholdAsAFile() {
    String output = "x".repeat(12_001);

    List<SlackCall> calls =
        render(reply(output).pretext("Action core.local completed.").kind("result"));

    assertThat(calls).hasSize(2);
    SlackCall.Post summary = (SlackCall.Post) calls.get(0);
    assertThat(sectionTexts(summary.args().get("blocks")))
        .containsExactly(
            "Action core.local completed.",
            "_The output is 12001 characters long; it is attached as result-output.txt in the"
                + " thread of this message._");
    assertThat(calls.get(1))
        .isEqualTo(
            new SlackCall.Upload(
                CHANNEL_ID, null, "result-output.txt", "Action core.local completed.", output));
  }

  @Test
  void shouldUploadTextAndCodeBlocksUnescapedIntoTheRepliesThread() {
    List<SlackCall> calls =
        render(reply("summary").code("a < b\n".repeat(2_500)).thread("1718000000.000100"));

    SlackCall.Upload upload = (SlackCall.Upload) calls.get(calls.size() - 1);
    assertThat(upload.threadTs()).isEqualTo("1718000000.000100");
    assertThat(upload.content()).isEqualTo("summary\n\n" + "a < b\n".repeat(2_500));
  }

  @Test
  void shouldSplitAWhisperInsteadOfUploadingIt() {
    List<SlackCall> calls = render(reply("y".repeat(13_000)).whisperTo("U0ALICE01"));

    assertThat(calls).hasSize(1).allSatisfy(c -> assertThat(c).isInstanceOf(SlackCall.Post.class));
    assertThat(String.join("", sectionTexts(((SlackCall.Post) calls.get(0)).args().get("blocks"))))
        .isEqualTo("y".repeat(13_000));
  }

  @Test
  void shouldPassExtraSlackAttachmentsThroughAsTheBody() throws Exception {
    SlackCall.Post post =
        onlyPost(
            reply("Info about ticket")
                .thread("1718000000.000100")
                .slackExtra(
                    """
                    {"icon_emoji": ":jira:", "username": "Jira Bot", "thread_response": true,
                     "attachments": [{"fallback": "Info about Jira ticket OPS-1",
                       "color": "#042A60", "title": "OPS-1",
                       "fields": [{"title": "Summary", "value": "Disk full", "short": false}]}]}
                    """));

    assertThat(post.args())
        .isEqualTo(
            json(
                """
                {"channel": "C0OPS0001", "thread_ts": "1718000000.000100",
                 "icon_emoji": ":jira:", "username": "Jira Bot",
                 "attachments": [{"fallback": "Info about Jira ticket OPS-1",
                   "color": "#042A60", "title": "OPS-1",
                   "fields": [{"title": "Summary", "value": "Disk full", "short": false}]}]}
                """));
  }

  @Test
  void shouldUseExtraSlackBlocksRawWithAFallbackText() throws Exception {
    SlackCall.Post post =
        onlyPost(
            reply("Deployed")
                .slackExtra(
                    """
                    {"blocks": [{"type": "header",
                                 "text": {"type": "plain_text", "text": "Deployed v2"}}]}
                    """));

    assertThat(post.args().get("blocks"))
        .isEqualTo(
            json(
                """
                [{"type": "header", "text": {"type": "plain_text", "text": "Deployed v2"}}]
                """));
    assertThat(post.args().get("text").asText()).isEqualTo("Deployed");
  }

  @Test
  void shouldMergeLegacyAttachmentKeysIntoOneCardAsHubotDid() throws Exception {
    SlackCall.Post post =
        onlyPost(
            reply("status : succeeded")
                .mention("U0ALICE01")
                .pretext("Action done.")
                .status("success")
                .slackExtra(
                    """
                    {"color": "#042A60", "title": "OPS-1", "title_link": "https://jira/OPS-1",
                     "author_name": "Jira_Bot"}
                    """));

    assertThat(post.args())
        .isEqualTo(
            json(
                """
                {"channel": "C0OPS0001",
                 "attachments": [{"color": "#042A60", "mrkdwn_in": ["text", "pretext"],
                   "title": "OPS-1", "title_link": "https://jira/OPS-1", "author_name": "Jira_Bot",
                   "pretext": "<@U0ALICE01>: Action done.", "text": "status : succeeded",
                   "fallback": "status : succeeded"}]}
                """));
  }

  @Test
  void shouldChunkALegacyCardAt7900CharactersWithThePretextOnTheFirstOnly() {
    String text = "z".repeat(9_000);

    List<SlackCall> calls =
        render(reply(text).pretext("Result:").slackExtra("{\"title\": \"long\"}"));

    assertThat(calls).hasSize(2);
    JsonNode first = ((SlackCall.Post) calls.get(0)).args().get("attachments").get(0);
    JsonNode second = ((SlackCall.Post) calls.get(1)).args().get("attachments").get(0);
    assertThat(first.get("pretext").asText()).isEqualTo("Result:");
    assertThat(second.has("pretext")).isFalse();
    assertThat(first.get("text").asText() + second.get("text").asText()).isEqualTo(text);
    assertThat(first.get("text").asText()).hasSize(7_900);
  }

  @Test
  void shouldIgnoreAnExtraSlackThatIsNotAJsonObject() {
    SlackCall.Post post = onlyPost(reply("plain").slackExtra("not json"));

    assertThat(sectionTexts(post.args().get("blocks"))).containsExactly("plain");
  }

  @Test
  void shouldNeverPostAnEmptyMessage() {
    SlackCall.Post post = onlyPost(reply(""));

    assertThat(sectionTexts(post.args().get("blocks"))).containsExactly("_(no output)_");
  }

  @Test
  void shouldKeepEveryBlockWithinSlacksLimits() {
    ReplyFixture reply = reply("t".repeat(9_000)).pretext("p".repeat(4_000)).mention("U0ALICE01");
    IntStream.rangeClosed(1, 5).forEach(i -> reply.field("f" + i, "v".repeat(2_500)));
    reply.button("a", "L".repeat(100), "V".repeat(3_000), "danger");

    for (SlackCall call : render(reply)) {
      JsonNode blocks = ((SlackCall.Post) call).args().get("blocks");
      assertThat(blocks.size()).isLessThanOrEqualTo(50);
      for (JsonNode block : blocks) {
        assertThat(block.path("text").path("text").asText().length()).isLessThanOrEqualTo(3_000);
        StreamSupport.stream(block.path("fields").spliterator(), false)
            .forEach(f -> assertThat(f.get("text").asText().length()).isLessThanOrEqualTo(2_000));
        StreamSupport.stream(block.path("elements").spliterator(), false)
            .forEach(
                e -> {
                  assertThat(e.get("text").get("text").asText().length()).isLessThanOrEqualTo(75);
                  assertThat(e.get("value").asText().length()).isLessThanOrEqualTo(2_000);
                });
      }
    }
  }
}
