package switchboard.connector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.connector.InboundMessage;
import switchboard.records.ChatEvent;
import switchboard.records.ChatEventKind;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;
import switchboard.records.Interaction;

class ChatEventMapperTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-28T10:15:30.123456Z");

  @Test
  void shouldMapAMessageWithTheConversationOfItsInstance() {
    InboundMessage message =
        new InboundMessage(
            "Ev123",
            "T0001",
            "C0042",
            false,
            "1700000000.000100",
            "1700000000.000200",
            "U0ALICE",
            "Alice",
            "<@U0BOT> run uptime",
            List.of("<@U0BOT>"),
            null,
            Map.of("slack.channel_type", "channel"),
            RECEIVED);

    ChatEvent event = ChatEventMapper.toChatEvent("slack", "ops-slack", message);

    assertThat(event.getEventId()).isEqualTo("Ev123");
    assertThat(event.getKind()).isEqualTo(ChatEventKind.MESSAGE);
    assertThat(event.getConversation())
        .isEqualTo(new Conversation("slack", "ops-slack", "T0001", "C0042", false));
    assertThat(event.getThread()).isEqualTo("1700000000.000100");
    assertThat(event.getMessageId()).isEqualTo("1700000000.000200");
    assertThat(event.getSender()).isEqualTo(new ChatUser("U0ALICE", "Alice"));
    assertThat(event.getText()).isEqualTo("<@U0BOT> run uptime");
    assertThat(event.getBotMentions()).containsExactly("<@U0BOT>");
    assertThat(event.getInteraction()).isNull();
    assertThat(event.getReceivedAt()).isEqualTo(Instant.parse("2026-11-28T10:15:30.123Z"));
    assertThat(event.getAttributes()).containsExactly(Map.entry("slack.channel_type", "channel"));
  }

  @Test
  void shouldMapAButtonPressToAnInteractionEventInADirectConversation() {
    InboundMessage press =
        new InboundMessage(
            "console-7",
            "local",
            "@alice",
            true,
            null,
            null,
            "local:alice",
            null,
            "",
            List.of(),
            new InboundMessage.Interaction("approve", "yes", "reply-9"),
            Map.of(),
            RECEIVED);

    ChatEvent event = ChatEventMapper.toChatEvent("console", "local", press);

    assertThat(event.getKind()).isEqualTo(ChatEventKind.INTERACTION);
    assertThat(event.getInteraction()).isEqualTo(new Interaction("approve", "yes", "reply-9"));
    assertThat(event.getConversation().getDirect()).isTrue();
    assertThat(event.getSender()).isEqualTo(new ChatUser("local:alice", null));
  }
}
