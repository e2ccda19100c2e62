package switchboard.matcher.grammar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates a Python {@code re} pattern into an equivalent java.util.regex {@link Pattern}.
 *
 * <p>Why hand-written: st2 alias formats are Python regular expressions (contract §9), and no
 * maintained Java library reads Python's {@code re} dialect. Copying formats into Java unchanged
 * fails or, worse, matches differently: {@code (?P<name>...)} and {@code (?P=name)} do not exist in
 * Java, Java group names allow no underscore, a bare <code>{</code> is a syntax error in Java but a
 * literal in Python, and {@code \s}, {@code \w}, {@code \b}, {@code \Z}, {@code $} and
 * case-insensitivity mean different things. So the pattern is parsed by a port of CPython 3.11's
 * {@code re._parser} ({@link PythonRegexParser}, which also rejects what Python rejects, with
 * Python's message) and written back out in Java syntax with Python's meaning ({@link
 * JavaRegexWriter}).
 *
 * <p>Pure and thread-safe.
 */
public final class PythonRegexTranslator {

  private PythonRegexTranslator() {}

  /**
   * Translates {@code pythonRegex} as {@code re.compile(pythonRegex, flags)} would read it.
   *
   * @return the Java pattern (compiled with {@code Pattern.DOTALL} only) and the group-name table,
   *     never null
   * @throws AliasFormatException when Python would reject the pattern, or Java cannot express it
   */
  public static TranslatedRegex translate(String pythonRegex, Set<PythonFlag> flags)
      throws AliasFormatException {
    int bits = 0;
    for (PythonFlag flag : flags) {
      bits |= flag.bit;
    }
    return compile(pythonRegex, PythonRegexParser.parse(pythonRegex, bits));
  }

  static TranslatedRegex compile(String pythonRegex, ParsedRegex parsed)
      throws AliasFormatException {
    String java = JavaRegexWriter.write(parsed);
    Pattern pattern;
    try {
      pattern = Pattern.compile(java, Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new AliasFormatException(
          pythonRegex, "java.util.regex rejects its translation: " + e.getDescription());
    }
    Map<String, String> names = new LinkedHashMap<>();
    parsed
        .namedGroups()
        .forEach((name, index) -> names.put(name, JavaRegexWriter.javaGroupName(index)));
    return new TranslatedRegex(pythonRegex, pattern, names);
  }
}
