package switchboard.notifier;

import java.util.Locale;
import switchboard.connector.OutboundReply;
import switchboard.records.Conversation;
import switchboard.records.Reply;
import switchboard.records.ReplyButton;
import switchboard.records.ReplyField;

/**
 * Turns a {@link Reply} record into the portable {@link OutboundReply} a connector renders. Pure:
 * every field is carried over unchanged, so the provider's renderer sees what the producer meant
 * (provider {@code extra} documents included); only the enum names change to the SPI's lower-case
 * words.
 */
public final class ReplyMapping {

  private ReplyMapping() {}

  /** The reply as the connector of its conversation receives it; never null. */
  public static OutboundReply toOutbound(Reply reply) {
    Conversation conversation = reply.getConversation();
    return new OutboundReply(
        reply.getReplyId(),
        word(reply.getKind().name()),
        conversation.getWorkspace(),
        conversation.getChannel(),
        reply.getThread(),
        reply.getMention(),
        reply.getWhisperTo(),
        word(reply.getStatus().name()),
        reply.getPretext(),
        reply.getText(),
        reply.getFields().stream().map(ReplyMapping::field).toList(),
        reply.getCodeBlocks(),
        reply.getButtons().stream().map(ReplyMapping::button).toList(),
        reply.getExtra());
  }

  /** {@code NO_MATCH} becomes {@code no-match}, as OutboundReply's kinds are spelled. */
  private static String word(String symbol) {
    return symbol.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static OutboundReply.Field field(ReplyField field) {
    return new OutboundReply.Field(field.getTitle(), field.getValue(), field.getShort$());
  }

  private static OutboundReply.Button button(ReplyButton button) {
    return new OutboundReply.Button(
        button.getActionId(), button.getLabel(), button.getValue(), button.getStyle());
  }
}
