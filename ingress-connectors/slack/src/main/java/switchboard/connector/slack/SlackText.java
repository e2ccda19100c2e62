package switchboard.connector.slack;

import java.util.ArrayList;
import java.util.List;

/** Slack text rules the renderer needs: escaping and splitting at a length limit. Pure. */
final class SlackText {

  private SlackText() {}

  /**
   * Escapes exactly the three characters Slack reads as markup, {@code & < >} (chat-providers.md
   * §1.6), so command output cannot produce mentions such as {@code <!channel>} or links.
   */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Splits text into pieces of at most {@code max} characters, preferring to cut after a line break
   * in the second half of a piece, and never inside a surrogate pair or an escape such as {@code
   * &amp;}.
   */
  static List<String> chunks(String text, int max) {
    if (max < 8) {
      throw new IllegalArgumentException("max must leave room for an escape: " + max);
    }
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (text.length() - start > max) {
      int end = start + max;
      int newline = text.lastIndexOf('\n', end - 1);
      if (newline >= start + max / 2) {
        end = newline + 1;
      } else {
        int amp = text.lastIndexOf('&', end - 1);
        if (amp > end - 5 && text.indexOf(';', amp) >= end) {
          end = amp;
        }
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
          end--;
        }
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    if (start < text.length() || pieces.isEmpty()) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }

  /** The text cut to {@code max} characters with an ellipsis, never inside a surrogate pair. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
