package switchboard.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import switchboard.connector.InboundMessage;
import switchboard.connector.console.ConsoleEventMapper.ConsolePost;
import switchboard.connector.console.ConsoleEventMapper.Read;
import switchboard.connector.console.ConsoleEventMapper.Readable;
import switchboard.connector.console.ConsoleEventMapper.Unreadable;

class ConsoleEventMapperTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:15:30.123Z");

  private final ConsoleEventMapper mapper = new ConsoleEventMapper("switchboard");

  @Test
  void shouldMapAChannelMessageToAnInboundMessageWithTheWorkspaceScopedUserId() {
    ConsolePost post =
        readable(
            mapper.readMessage(
                json(
                    "{'user':'alice','channel':'#ops','text':'@switchboard run uptime','clientMessageId':'m1'}")));

    InboundMessage message = mapper.toInbound(post, "#ops/alice/m1", 42, NOW);

    assertThat(message.eventId()).isEqualTo("#ops/alice/m1");
    assertThat(message.workspace()).isEqualTo("local");
    assertThat(message.channel()).isEqualTo("#ops");
    assertThat(message.direct()).isFalse();
    assertThat(message.thread()).isNull();
    assertThat(message.messageId()).isEqualTo("42");
    assertThat(message.senderId()).isEqualTo("local:alice");
    assertThat(message.senderName()).isEqualTo("alice");
    assertThat(message.text()).isEqualTo("@switchboard run uptime");
    assertThat(message.botMentions()).containsExactly("@switchboard");
    assertThat(message.interaction()).isNull();
    assertThat(message.receivedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldTreatAChannelStartingWithAtAsADirectConversation() {
    ConsolePost post =
        readable(mapper.readMessage(json("{'user':'alice','channel':'@alice','text':'help'}")));

    InboundMessage message = mapper.toInbound(post, "e1", 1, NOW);

    assertThat(message.direct()).isTrue();
    assertThat(message.botMentions()).isEmpty();
  }

  @Test
  void shouldMapAButtonPressToAnInteraction() {
    ConsolePost post =
        readable(
            mapper.readInteraction(
                json(
                    "{'user':'bob','channel':'#ops','actionId':'approve','value':'yes','replyId':'r-7'}")));

    InboundMessage message = mapper.toInbound(post, "e2", 3, NOW);

    assertThat(message.interaction())
        .isEqualTo(new InboundMessage.Interaction("approve", "yes", "r-7"));
    assertThat(message.text()).isEmpty();
    assertThat(message.senderId()).isEqualTo("local:bob");
  }

  @Test
  void shouldScopeAClientMessageIdByChannelAndUserAndGenerateOneOtherwise() {
    ConsolePost named =
        readable(
            mapper.readMessage(
                json("{'user':'alice','channel':'#ops','text':'hi','clientMessageId':'42'}")));
    ConsolePost anonymous =
        readable(mapper.readMessage(json("{'user':'alice','channel':'#ops','text':'hi'}")));
    UUID generated = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    assertThat(ConsoleEventMapper.eventId(named, generated)).isEqualTo("#ops/alice/42");
    assertThat(ConsoleEventMapper.eventId(anonymous, generated)).isEqualTo(generated.toString());
  }

  @Test
  void shouldFindTheBotMentionAsAWordOfItsOwnInAnyCase() {
    assertThat(mapper.botMentions("@Switchboard, help. Also @switchboard."))
        .containsExactly("@Switchboard", "@switchboard");
    assertThat(mapper.botMentions("mail me@switchboard or ask @switchboarder")).isEmpty();
  }

  @Test
  void shouldNotForwardMessagesFromBotsOrUnderTheBotsName() {
    ConsolePost otherBot =
        readable(
            mapper.readMessage(
                json("{'user':'deploy-bot','channel':'#ops','text':'deployed','bot':true}")));
    ConsolePost own =
        readable(mapper.readMessage(json("{'user':'Switchboard','channel':'#ops','text':'hi'}")));
    ConsolePost user =
        readable(mapper.readMessage(json("{'user':'alice','channel':'#ops','text':'hi'}")));

    assertThat(mapper.notForwarded(otherBot))
        .hasValueSatisfying(r -> assertThat(r).contains("bots"));
    assertThat(mapper.notForwarded(own)).hasValueSatisfying(r -> assertThat(r).contains("own"));
    assertThat(mapper.notForwarded(user)).isEmpty();
  }

  @Test
  void shouldExplainEveryProblemOfAPostAtOnce() {
    Read read = mapper.readMessage(json("{'user':'a b','channel':'ops','text':' '}"));

    assertThat(read).isInstanceOf(Unreadable.class);
    assertThat(((Unreadable) read).reason())
        .contains("user must be")
        .contains("channel must look like #ops")
        .contains("text is required");
  }

  @Test
  void shouldRefuseBodiesThatAreNotPosts() {
    List<Read> reads =
        List.of(
            mapper.readMessage("not json".getBytes(StandardCharsets.UTF_8)),
            mapper.readMessage(new byte[0]),
            mapper.readMessage(
                json("{'user':'alice','channel':'#ops','text':'hi','colour':'red'}")),
            mapper.readMessage(
                json(
                    "{'user':'alice','channel':'#ops','text':'"
                        + "x".repeat(ConsoleSettings.MAX_MESSAGE_CHARS + 1)
                        + "'}")),
            mapper.readInteraction(json("{'user':'alice','channel':'#ops'}")));

    assertThat(reads).allSatisfy(read -> assertThat(read).isInstanceOf(Unreadable.class));
    assertThat(((Unreadable) reads.get(2)).reason()).contains("colour");
    assertThat(((Unreadable) reads.get(3)).reason()).contains("longer than 40000");
    assertThat(((Unreadable) reads.get(4)).reason()).contains("actionId is required");
  }

  private static ConsolePost readable(Read read) {
    assertThat(read).isInstanceOf(Readable.class);
    return ((Readable) read).post();
  }

  private static byte[] json(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }
}
