package switchboard.dispatcher.results;

/**
 * StackStorm's {@code {~}} convention in result messages (contract §8.4, §8.5; hubot's {@code
 * splitMessage}): the text before the first {@code {~}} is the pretext, the rest the body; a {@code
 * {~}} at the very end means "all plaintext", so the text before it is the body and there is no
 * pretext. Pure.
 *
 * @param pretext null when there is none
 * @param text never null
 */
public record MessageSplit(String pretext, String text) {

  static final String DELIMITER = "{~}";

  public static MessageSplit of(String message) {
    int at = message.indexOf(DELIMITER);
    if (at < 0) {
      return new MessageSplit(null, message);
    }
    String before = message.substring(0, at);
    String after = message.substring(at + DELIMITER.length());
    if (after.isEmpty()) {
      return new MessageSplit(null, before);
    }
    return new MessageSplit(before.isEmpty() ? null : before, after);
  }
}
