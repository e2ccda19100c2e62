package switchboard.connector.runtime;

import java.time.temporal.ChronoUnit;
import switchboard.connector.InboundMessage;
import switchboard.records.ChatEvent;
import switchboard.records.ChatEventKind;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;
import switchboard.records.Interaction;

/**
 * Turns a connector's provider-neutral {@link InboundMessage} into the {@link ChatEvent} record.
 */
public final class ChatEventMapper {

  private ChatEventMapper() {}

  /**
   * The event as it goes on {@code chatops.events}. The event id passes through unchanged: it is
   * the provider's, identical on every redelivery, and the request id is derived from it
   * (architecture.md, "a duplicated chat event can never run a command twice").
   *
   * @param provider the provider id, e.g. "slack"
   * @param instance the connector instance name, e.g. "ops-slack"
   */
  public static ChatEvent toChatEvent(String provider, String instance, InboundMessage message) {
    InboundMessage.Interaction interaction = message.interaction();
    return ChatEvent.newBuilder()
        .setEventId(message.eventId())
        .setKind(interaction == null ? ChatEventKind.MESSAGE : ChatEventKind.INTERACTION)
        .setConversation(conversationOf(provider, instance, message))
        .setThread(message.thread())
        .setMessageId(message.messageId())
        .setSender(new ChatUser(message.senderId(), message.senderName()))
        .setText(message.text())
        .setBotMentions(message.botMentions())
        .setInteraction(
            interaction == null
                ? null
                : new Interaction(
                    interaction.actionId(), interaction.value(), interaction.replyId()))
        // The schema keeps milliseconds (timestamp-millis); truncating here makes the record
        // equal to what a consumer reads back.
        .setReceivedAt(message.receivedAt().truncatedTo(ChronoUnit.MILLIS))
        .setAttributes(message.attributes())
        .build();
  }

  /** Where the message was written; its key orders events per conversation. */
  public static Conversation conversationOf(
      String provider, String instance, InboundMessage message) {
    return new Conversation(
        provider, instance, message.workspace(), message.channel(), message.direct());
  }
}
