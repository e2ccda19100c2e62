package switchboard.connector;

import java.util.List;
import java.util.Map;

/**
 * A portable reply for one conversation of this connector instance, as the notifier hands it to
 * {@link ChatConnector#deliver}. The connector's renderer turns it into the provider's format.
 *
 * @param replyId unique, stable across redeliveries; connectors may use it to skip duplicates
 * @param kind ack, result, help, denied, no-match, ambiguous, error, prompt or info (lower case)
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
