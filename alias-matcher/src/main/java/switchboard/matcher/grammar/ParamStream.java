package switchboard.matcher.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A command prepared the way st2 prepares its {@code param_stream} before matching any format
 * (contract §9 step 1): trailing {@code key=value} pairs cut off and kept, the rest padded with a
 * space on each side. It does not depend on the format, so a matcher prepares each command once and
 * tries every format against it.
 *
 * @param command the command as received, never null
 * @param pairs the trailing pairs in command order (a later pair with the same key wins), never
 *     null
 * @param stream what the formats are matched against, never null
 */
public record ParamStream(String command, List<Pair> pairs, String stream) {

  /** One trailing {@code key=value}; quotes are stripped, a <code>{...}</code> blob is kept. */
  public record Pair(String key, String value) {}

  public ParamStream {
    pairs = List.copyOf(pairs);
  }

  /**
   * Prepares {@code command}; {@code null} is read as "" (st2's {@code param_stream or ""}).
   *
   * <p>Removal uses {@code str.replace} semantics: every occurrence of the trailing run is cut,
   * wherever it occurs (an st2 quirk kept for parity).
   *
   * @throws IllegalArgumentException when the trailing run is too long for java.util.regex, which
   *     recurses once per pair (about a thousand pairs overflow the stack; Python copes, slowly)
   */
  public static ParamStream of(String command) {
    String original = command == null ? "" : command;
    String stream = original;
    List<Pair> pairs = new ArrayList<>();
    // Every pair holds an '='; without one the (quadratic) scan cannot find any.
    Matcher ending = FormatSnippets.ENDING_PAIRS.matcher(original);
    if (original.indexOf('=') >= 0 && endsWithPairs(ending) && !ending.group(1).isEmpty()) {
      String run = ending.group(1);
      Matcher pair = FormatSnippets.PAIR.matcher(run);
      while (pair.find()) {
        pairs.add(new Pair(pair.group(1), joined(pair, 3, 6)));
      }
      stream = original.replace(run, "");
    }
    return new ParamStream(original, pairs, " " + stream + " ");
  }

  private static boolean endsWithPairs(Matcher ending) {
    try {
      return ending.lookingAt();
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException(
          "command too long for the key=value scan: " + ending.regionEnd() + " characters", e);
    }
  }

  /** The first word of the stream (Python whitespace), "" when it is blank. */
  public String firstWord() {
    return PythonWhitespace.firstWord(stream);
  }

  /** Python's {@code "".join(groups)}, where groups that did not take part count as "". */
  static String joined(Matcher matcher, int first, int last) {
    StringBuilder value = new StringBuilder();
    for (int group = first; group <= last; group++) {
      if (matcher.group(group) != null) {
        value.append(matcher.group(group));
      }
    }
    return value.toString();
  }
}
