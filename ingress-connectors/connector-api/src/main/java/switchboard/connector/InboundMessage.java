package switchboard.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider-neutral inbound chat event, produced by a connector's event mapper. The runtime turns
 * it into a {@code ChatEvent} record keyed by conversation.
 *
 * @param eventId the provider's id of the event, identical on every redelivery (e.g. Slack
 *     event_id); the request id is derived from it, so it must never be random
 * @param workspace Slack team or enterprise id, Teams tenant, server; "" when the provider has none
 * @param channel the provider's immutable conversation id
 * @param direct true in a one-to-one conversation with the bot
 * @param thread thread id the message belongs to, or null
 * @param messageId the provider's id of this message, or null
 * @param senderId the provider's immutable user id, never a display name or nick
 * @param senderName display name at the time, informational only, may be null
 * @param text the text as delivered, mentions still in provider syntax
 * @param botMentions the tokens in text that address the bot (e.g. {@code <@U0BOT>})
 * @param interaction set for a button press, else null
 * @param attributes provider facts that fit nowhere else; never credentials
 * @param receivedAt when the connector received the event, from {@link ConnectorContext#clock()}
 */
public record InboundMessage(
    String eventId,
    String workspace,
    String channel,
    boolean direct,
    String thread,
    String messageId,
    String senderId,
    String senderName,
    String text,
    List<String> botMentions,
    Interaction interaction,
    Map<String, String> attributes,
    Instant receivedAt) {

  public InboundMessage {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(senderId, "senderId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(receivedAt, "receivedAt");
    botMentions = List.copyOf(botMentions);
    attributes = Map.copyOf(attributes);
  }

  /** A button press or similar element. */
  public record Interaction(String actionId, String value, String replyId) {}
}
