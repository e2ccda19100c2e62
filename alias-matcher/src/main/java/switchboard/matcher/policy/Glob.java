package switchboard.matcher.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A shell-style pattern over ids and refs: {@code *} is any run of characters (also none and also
 * dots), {@code ?} is one character, everything else is literal and case-sensitive, because chat
 * ids and StackStorm refs are.
 */
public final class Glob {

  private final String text;
  private final Pattern pattern;

  private Glob(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /** The glob {@code text}; never fails. */
  public static Glob of(String text) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new Glob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  /** The globs of {@code texts}, in order. */
  public static List<Glob> all(List<String> texts) {
    return texts.stream().map(Glob::of).toList();
  }

  /** Whether {@code value} matches as a whole; null never matches. */
  public boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  /** Whether {@code globs} is empty (meaning "any") or one of them matches {@code value}. */
  public static boolean anyOrNone(List<Glob> globs, String value) {
    return globs.isEmpty() || globs.stream().anyMatch(g -> g.matches(value));
  }

  @Override
  public String toString() {
    return text;
  }
}
