package switchboard.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.connector.OutboundReply;

class ConsoleReplyRendererTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");

  @Test
  void shouldRenderAShortReplyAsOneMessage() {
    ConsoleReplyRenderer renderer = new ConsoleReplyRenderer("switchboard", 100);

    List<ConsoleMessage> messages = renderer.render(reply("done", "local:alice", null), NOW);

    assertThat(messages)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.from()).isEqualTo("bot");
              assertThat(m.user()).isEqualTo("switchboard");
              assertThat(m.text()).isEqualTo("done");
              assertThat(m.pretext()).isEqualTo("Ran core.uptime");
              assertThat(m.mention()).isEqualTo("alice");
              assertThat(m.fields())
                  .containsExactly(new ConsoleMessage.Field("host", "web-1", true));
              assertThat(m.codeBlocks()).containsExactly("up 3 days");
              assertThat(m.buttons())
                  .containsExactly(
                      new ConsoleMessage.Button("approve", "Approve", "yes", "primary"));
              assertThat(m.kind()).isEqualTo("result");
              assertThat(m.status()).isEqualTo("success");
              assertThat(m.replyId()).isEqualTo("r-1");
              assertThat(m.whisper()).isFalse();
              assertThat(m.time()).isEqualTo("2026-11-28T10:15:30Z");
            });
  }

  @Test
  void shouldSplitALongReplyPuttingPretextFirstAndAttachmentsLast() {
    ConsoleReplyRenderer renderer = new ConsoleReplyRenderer("switchboard", 10);
    String text = "alpha beta gamma delta epsilon";

    List<ConsoleMessage> messages = renderer.render(reply(text, null, null), NOW);

    assertThat(messages).hasSizeGreaterThan(1);
    assertThat(messages).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(10));
    assertThat(String.join("", messages.stream().map(ConsoleMessage::text).toList()))
        .isEqualTo(text);
    assertThat(messages.get(0).pretext()).isNotNull();
    assertThat(messages.get(0).codeBlocks()).isEmpty();
    assertThat(messages.get(messages.size() - 1).pretext()).isNull();
    assertThat(messages.get(messages.size() - 1).buttons()).hasSize(1);
  }

  @Test
  void shouldMakeAWhisperVisibleToItsUserOnly() {
    ConsoleReplyRenderer renderer = new ConsoleReplyRenderer("switchboard", 100);

    ConsoleMessage whisper = renderer.render(reply("secret", null, "local:bob"), NOW).get(0);

    assertThat(whisper.whisper()).isTrue();
    assertThat(whisper.isVisibleTo("bob")).isTrue();
    assertThat(whisper.isVisibleTo("alice")).isFalse();
  }

  @Test
  void shouldCutAfterALineBreakThenASpaceThenAtTheLimit() {
    assertThat(ConsoleReplyRenderer.chunks("aaaa\nbbb ccc", 8))
        .containsExactly("aaaa\n", "bbb ccc");
    assertThat(ConsoleReplyRenderer.chunks("aaa bbbb cccc", 10))
        .containsExactly("aaa bbbb ", "cccc");
    assertThat(ConsoleReplyRenderer.chunks("abcdefghijk", 4))
        .containsExactly("abcd", "efgh", "ijk");
    assertThat(ConsoleReplyRenderer.chunks("", 4)).containsExactly("");
  }

  @Test
  void shouldNeverCutASurrogatePairInTwo() {
    String text = "abc\uD83D\uDE00def";

    List<String> chunks = ConsoleReplyRenderer.chunks(text, 4);

    assertThat(String.join("", chunks)).isEqualTo(text);
    assertThat(chunks)
        .allSatisfy(c -> assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).isFalse());
  }

  static OutboundReply reply(String text, String mention, String whisperTo) {
    return new OutboundReply(
        "r-1",
        "result",
        "local",
        "#ops",
        null,
        mention,
        whisperTo,
        "success",
        "Ran core.uptime",
        text,
        List.of(new OutboundReply.Field("host", "web-1", true)),
        List.of("up 3 days"),
        List.of(new OutboundReply.Button("approve", "Approve", "yes", "primary")),
        Map.of());
  }
}
