package switchboard.matcher.grammar;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * st2's own regular expressions from {@code ActionAliasFormatParser.generate_snippets} ({@code
 * st2common/models/utils/action_alias_utils.py}, contract §9), kept in Python syntax and translated
 * by the same translator as user formats, so that their {@code \s} and {@code \S} are Python's
 * Unicode classes too.
 */
final class FormatSnippets {

  private static final String KEY = "\\s*(\\S+?)\\s*";
  private static final String VALUE = "\"\"|''|\"(.+?)\"|'(.+?)'|({.+?})|(\\S+)";
  private static final String EXT_VALUE = "\"\"|''|\"(.+?)\"|'(.+?)'|({.+?})|(.+?)";
  private static final String PAIRS = "(?:^|\\s+)" + KEY + "=(" + VALUE + ")";
  private static final String ENDING = ".*?((" + PAIRS + "\\s*)*)$";
  private static final String DEFAULT = "\\s*=\\s*(?:" + EXT_VALUE + ")\\s*";
  private static final String OPTIONAL = "{{" + KEY + DEFAULT + "}}";
  private static final String REQUIRED = "{{" + KEY + "}}";

  /** {@code re.match(ending, stream, re.DOTALL)}: group 1 is the trailing run of pairs. */
  static final Pattern ENDING_PAIRS = translate(ENDING, Set.of(PythonFlag.DOTALL));

  /** {@code re.findall(pairs, run, re.DOTALL)}: group 1 key, groups 3-6 the value parts. */
  static final Pattern PAIR = translate(PAIRS, Set.of(PythonFlag.DOTALL));

  /** {@code re.findall(optional, format, re.DOTALL)}: group 1 key, groups 2-5 the default. */
  static final Pattern OPTIONAL_MACRO = translate(OPTIONAL, Set.of(PythonFlag.DOTALL));

  /** {@code re.sub(r"(\s*)" + optional, ...)}, which st2 runs without DOTALL. */
  static final Pattern OPTIONAL_MACRO_WITH_SPACE = translate("(\\s*)" + OPTIONAL, Set.of());

  /** {@code re.sub(r"(\s*)" + required, ...)}, also without DOTALL. */
  static final Pattern REQUIRED_MACRO_WITH_SPACE = translate("(\\s*)" + REQUIRED, Set.of());

  /**
   * st2's {@code param_match} replacement after the whitespace and the group name: an optional
   * quote, then a lazy value that is the text inside quotes, a <code>{...}</code> blob, or
   * anything.
   */
  static final String PARAMETER_VALUE =
      ">(?:(?<=\\').+?(?=\\')|(?<=\").+?(?=\")|{.+?}|.+?))[\"\\']?";

  static final String PARAMETER_START = "[\"\\']?(?P<";

  private FormatSnippets() {}

  private static Pattern translate(String python, Set<PythonFlag> flags) {
    try {
      return PythonRegexTranslator.translate(python, flags).pattern();
    } catch (AliasFormatException e) {
      throw new IllegalStateException("st2's own snippet does not translate: " + python, e);
    }
  }
}
