package switchboard.connector;

import java.util.List;
import java.util.Map;

/**
 * A portable reply for one conversation of this connector instance, as the notifier hands it to
 * {@link ChatConnector#deliver}. The connector's renderer turns it into the provider's format.
 *
 * @param replyId unique, stable across redeliveries; connectors may use it to skip duplicates
 * @param kind ack, result, help, denied, no-match, ambiguous, error, prompt or info (lower case)
 * @param workspace the conversation's workspace, as in the inbound message ("" when none)
 * @param channel the provider's conversation id, as in the inbound message
 * @param thread the thread to post into, or null for the conversation itself
 * @param mention the provider user id to address the reply to, or null
 * @param whisperTo when set, the provider user id the reply must be shown to alone
 * @param status neutral, success or failure, for colouring
 * @param pretext line before the body, or null
 * @param text body in the portable markup (*bold*, `code`, ```blocks```)
 * @param extra provider extras keyed by provider id, each a JSON document; a connector uses its own
 *     (e.g. "slack") and ignores the rest
 */
public record OutboundReply(
    String replyId,
    String kind,
    String workspace,
    String channel,
    String thread,
    String mention,
    String whisperTo,
    String status,
    String pretext,
    String text,
    List<Field> fields,
    List<String> codeBlocks,
    List<Button> buttons,
    Map<String, String> extra) {

  public OutboundReply {
    fields = List.copyOf(fields);
    codeBlocks = List.copyOf(codeBlocks);
    buttons = List.copyOf(buttons);
    extra = Map.copyOf(extra);
  }

  /** A labelled value. */
  public record Field(String title, String value, boolean isShort) {}

  /** An interactive button; style is primary, danger or null. */
  public record Button(String actionId, String label, String value, String style) {}
}
