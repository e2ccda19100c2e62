package switchboard.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.connector.DeliveryResult;
import switchboard.connector.InboundMessage;
import switchboard.connector.OutboundReply;
import switchboard.connector.console.ConsoleEventMapper.ConsolePost;
import switchboard.testkit.connectors.CapturingSink;

class ConsoleChatTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC);

  private final CapturingSink sink = new CapturingSink();
  private final ConsoleChat chat =
      new ConsoleChat(new ConsoleConfig(Map.of()).settings(), sink, CLOCK);

  @Test
  void shouldShowAUserMessageAndForwardItWithItsHistoryPosition() throws Exception {
    ConsoleChat.Posted posted = chat.post(post("alice", "@switchboard help", "m1", false));

    assertThat(posted.forwarded()).isTrue();
    assertThat(posted.eventId()).isEqualTo("#ops/alice/m1");
    InboundMessage forwarded = sink.messages().get(0);
    assertThat(forwarded.eventId()).isEqualTo("#ops/alice/m1");
    assertThat(forwarded.messageId()).isEqualTo(Long.toString(posted.seq()));
    assertThat(forwarded.receivedAt()).isEqualTo(CLOCK.instant());
    assertThat(history("#ops"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.from()).isEqualTo("user");
              assertThat(m.user()).isEqualTo("alice");
              assertThat(m.eventId()).isEqualTo("#ops/alice/m1");
            });
  }

  @Test
  void shouldShowARetriedPostOnceAndForwardItAgainWithTheSameEventId() throws Exception {
    ConsoleChat.Posted first = chat.post(post("alice", "run it", "m1", false));

    ConsoleChat.Posted retried = chat.post(post("alice", "run it", "m1", false));

    assertThat(retried.duplicate()).isTrue();
    assertThat(retried.seq()).isEqualTo(first.seq());
    assertThat(sink.messages())
        .extracting(InboundMessage::eventId)
        .containsExactly("#ops/alice/m1", "#ops/alice/m1");
    assertThat(history("#ops")).hasSize(1);
  }

  @Test
  void shouldShowButNotForwardBotMessages() throws Exception {
    ConsoleChat.Posted otherBot = chat.post(post("deploy-bot", "deployed", null, true));
    ConsoleChat.Posted own = chat.post(post("switchboard", "I am the bot", null, false));

    assertThat(otherBot.forwarded()).isFalse();
    assertThat(own.forwarded()).isFalse();
    assertThat(own.reason()).contains("own name");
    assertThat(sink.messages()).isEmpty();
    assertThat(history("#ops"))
        .extracting(ConsoleMessage::text)
        .containsExactly("deployed", "I am the bot");
  }

  @Test
  void shouldAppendADeliveredReplyWithoutFeedingItBack() throws Exception {
    DeliveryResult result = chat.deliver(ConsoleReplyRendererTest.reply("up 3 days", null, null));

    assertThat(result).isEqualTo(new DeliveryResult.Delivered(List.of("1")));
    assertThat(history("#ops"))
        .singleElement()
        .satisfies(m -> assertThat(m.from()).isEqualTo("bot"));
    assertThat(sink.messages()).isEmpty();
  }

  @Test
  void shouldShowARedeliveredReplyOnce() throws Exception {
    DeliveryResult first = chat.deliver(ConsoleReplyRendererTest.reply("once", null, null));

    DeliveryResult again = chat.deliver(ConsoleReplyRendererTest.reply("once", null, null));

    assertThat(again).isEqualTo(first);
    assertThat(history("#ops")).hasSize(1);
  }

  @Test
  void shouldAnswerTheNextPostsWithRetryAfterWhileARateLimitIsSimulated() throws Exception {
    chat.rateLimitNext(2, Duration.ofSeconds(3));

    List<DeliveryResult> results =
        List.of(
            chat.deliver(ConsoleReplyRendererTest.reply("try", null, null)),
            chat.deliver(ConsoleReplyRendererTest.reply("try", null, null)),
            chat.deliver(ConsoleReplyRendererTest.reply("try", null, null)));

    assertThat(results.subList(0, 2))
        .allSatisfy(
            r ->
                assertThat(r)
                    .isEqualTo(
                        new DeliveryResult.RetryAfter(
                            Duration.ofSeconds(3), "console: simulated rate limit")));
    assertThat(results.get(2)).isInstanceOf(DeliveryResult.Delivered.class);
    assertThat(history("#ops")).hasSize(1);
  }

  @Test
  void shouldRefuseForGoodAReplyToAChannelTheConsoleCannotHave() {
    DeliveryResult result =
        chat.deliver(
            new OutboundReply(
                "r", "info", "local", "C0123", null, null, null, "neutral", null, "hi", List.of(),
                List.of(), List.of(), Map.of()));

    assertThat(result).isInstanceOf(DeliveryResult.PermanentFailure.class);
  }

  private List<ConsoleMessage> history(String channel) throws InterruptedException {
    return chat.read(channel, 0, null, Duration.ZERO).messages();
  }

  private static ConsolePost post(String user, String text, String clientMessageId, boolean bot) {
    return new ConsolePost(user, "#ops", text, clientMessageId, bot, null);
  }
}
