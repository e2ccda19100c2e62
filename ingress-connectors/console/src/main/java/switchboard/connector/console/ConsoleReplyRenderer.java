package switchboard.connector.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import switchboard.connector.OutboundReply;

/**
 * Turns a portable reply into the console's messages. Text longer than a message may carry is split
 * into several messages, in order, losing nothing: the pretext and mention go with the first,
 * fields, code blocks and buttons with the last. Pure.
 */
final class ConsoleReplyRenderer {

  private final String botName;
  private final int maxChars;

  ConsoleReplyRenderer(String botName, int maxChars) {
    this.botName = botName;
    this.maxChars = maxChars;
  }

  /** The messages, before they have history positions. */
  List<ConsoleMessage> render(OutboundReply reply, Instant at) {
    List<String> chunks = chunks(reply.text() == null ? "" : reply.text(), maxChars);
    String whisperTo = ConsoleNames.userName(reply.whisperTo());
    List<ConsoleMessage> messages = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      boolean first = i == 0;
      boolean last = i == chunks.size() - 1;
      messages.add(
          new ConsoleMessage(
              0,
              ConsoleMessage.FROM_BOT,
              botName,
              false,
              chunks.get(i),
              first ? reply.pretext() : null,
              last ? fields(reply) : List.of(),
              last ? reply.codeBlocks() : List.of(),
              last ? buttons(reply) : List.of(),
              reply.kind(),
              reply.status(),
              reply.thread(),
              first ? ConsoleNames.userName(reply.mention()) : null,
              whisperTo != null,
              null,
              null,
              reply.replyId(),
              at.toString(),
              whisperTo,
              dedupeKey(reply)));
    }
    return messages;
  }

  /** One key for all messages of a reply, so a redelivered reply shows once. */
  static String dedupeKey(OutboundReply reply) {
    return reply.replyId() == null ? null : "reply:" + reply.replyId();
  }

  private static List<ConsoleMessage.Field> fields(OutboundReply reply) {
    return reply.fields().stream()
        .map(f -> new ConsoleMessage.Field(f.title(), f.value(), f.isShort()))
        .toList();
  }

  private static List<ConsoleMessage.Button> buttons(OutboundReply reply) {
    return reply.buttons().stream()
        .map(b -> new ConsoleMessage.Button(b.actionId(), b.label(), b.value(), b.style()))
        .toList();
  }

  /**
   * Cuts {@code text} into pieces of at most {@code max} characters whose concatenation is {@code
   * text}: after the last line break of a piece where there is one in its second half, else after
   * its last space there, else at {@code max}, never inside a surrogate pair.
   */
  static List<String> chunks(String text, int max) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    while (text.length() - start > max) {
      int end = start + max;
      int cut = text.lastIndexOf('\n', end - 1) + 1;
      if (cut <= start + max / 2) {
        cut = text.lastIndexOf(' ', end - 1) + 1;
      }
      if (cut <= start + max / 2) {
        cut = Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
      }
      chunks.add(text.substring(start, cut));
      start = cut;
    }
    chunks.add(text.substring(start));
    return chunks;
  }
}
