package switchboard.notifier;

import java.util.Objects;
import switchboard.connector.ChatConnector;
import switchboard.connector.OutboundReply;

/**
 * One reply on its way to chat.
 *
 * @param conversation the conversation key ({@code ConversationKeys.of}); replies with equal keys
 *     are posted one after the other, in submission order
 * @param connector the connector instance name, for metrics and logs
 * @param target the instance that posts it
 * @param reply what to post
 */
public record Delivery(
    String conversation, String connector, ChatConnector target, OutboundReply reply) {

  public Delivery {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reply, "reply");
  }
}
