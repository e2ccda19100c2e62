package switchboard.matcher.grammar;

/**
 * Python 3.11's {@code str.isspace()} and {@code str.strip()}: st2 strips the command with them
 * (contract §9 step 6), and they define what {@code \s} matches, so the index must split words the
 * same way. Pure.
 */
public final class PythonWhitespace {

  private PythonWhitespace() {}

  /** Whether {@code cp} is whitespace to Python ({@code \s} in a str pattern). */
  public static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0d)
        || (cp >= 0x1c && cp <= 0x20)
        || cp == 0x85
        || cp == 0xa0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200a)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202f
        || cp == 0x205f
        || cp == 0x3000;
  }

  /** Python's {@code str.strip()} with no argument; never null. */
  public static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** The text up to the first whitespace after any leading whitespace; "" when blank. */
  public static String firstWord(String text) {
    int start = 0;
    while (start < text.length() && isSpace(text.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < text.length() && !isSpace(text.charAt(end))) {
      end++;
    }
    return text.substring(start, end);
  }

  /**
   * The first two words of {@code text} with the whitespace between them as written ("pack install"
   * from " pack install st2"); "" when there are fewer than two words.
   */
  public static String firstTwoWords(String text) {
    int start = skip(text, 0, true);
    int firstEnd = skip(text, start, false);
    int second = skip(text, firstEnd, true);
    int secondEnd = skip(text, second, false);
    return second == secondEnd ? "" : text.substring(start, secondEnd);
  }

  private static int skip(String text, int from, boolean spaces) {
    int at = from;
    while (at < text.length() && isSpace(text.charAt(at)) == spaces) {
      at++;
    }
    return at;
  }
}
