package switchboard.matcher.grammar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An st2 alias format compiled once: macros expanded, defaults extracted, implicit anchors added
 * and the result translated to java.util.regex. A port of st2's {@code ActionAliasFormatParser}
 * ({@code action_alias_utils.py}, contract §9) split so that the format work is done once and only
 * the command work is done per message.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledFormat {

  /** One {@code {{ key = default }}} macro, in format order. */
  private record Default(String key, String value) {}

  /** A Python group name and its group number (the same in Python and Java). */
  private record NamedGroup(String name, int number) {}

  private final String format;
  private final Pattern pattern;
  private final Pattern advancingPattern;
  private final List<NamedGroup> groups;
  private final List<Default> defaults;
  private final List<String> leadingTexts;

  private CompiledFormat(
      String format,
      Pattern pattern,
      List<NamedGroup> groups,
      List<Default> defaults,
      List<String> leadingTexts) {
    this.format = format;
    this.pattern = pattern;
    // Python's finditer, after an empty match, rejects another empty match at the same place but
    // accepts a longer one there; Java's find() would skip a character instead. \G marks where the
    // search started, so "(?!\G)" at the end refuses exactly the empty match at that place.
    this.advancingPattern = Pattern.compile("(?:" + pattern.pattern() + ")(?!\\G)", Pattern.DOTALL);
    this.groups = List.copyOf(groups);
    this.defaults = List.copyOf(defaults);
    this.leadingTexts = List.copyOf(leadingTexts);
  }

  /**
   * Compiles {@code format} ({@code null} reads as "", as in st2).
   *
   * @throws AliasFormatException when st2 itself could not compile the format (Python's reason) or
   *     java.util.regex cannot express it
   */
  public static CompiledFormat compile(String format) throws AliasFormatException {
    String source = format == null ? "" : format;

    // Step 2: defaults of {{ key = default }}; quotes stripped, {...} kept, nothing rendered.
    List<Default> defaults = new ArrayList<>();
    Matcher optional = FormatSnippets.OPTIONAL_MACRO.matcher(source);
    while (optional.find()) {
      defaults.add(new Default(optional.group(1), ParamStream.joined(optional, 2, 5)));
    }

    // Step 3: macros become named groups, keeping the whitespace before each macro.
    String regex =
        substitute(
            FormatSnippets.OPTIONAL_MACRO_WITH_SPACE,
            source,
            m -> "(?:" + m.group(1) + parameter(m.group(2)) + ")?");
    regex =
        substitute(
            FormatSnippets.REQUIRED_MACRO_WITH_SPACE,
            regex,
            m -> m.group(1) + parameter(m.group(2)));

    // Step 4: implicit anchors, unless st2's token search finds one.
    ParsedRegex tokens = PythonRegexParser.parse(regex, PythonRegexParser.DOTALL);
    String anchored =
        (St2AnchorSearch.hasBeginningAnchor(tokens.root()) ? "" : "^\\s*")
            + regex
            + (St2AnchorSearch.hasEndAnchor(tokens.root()) ? "" : "\\s*$");

    // Step 5: compiled with DOTALL only; case-sensitive.
    ParsedRegex parsed = PythonRegexParser.parse(anchored, PythonRegexParser.DOTALL);
    TranslatedRegex translated = PythonRegexTranslator.compile(anchored, parsed);
    for (Default d : defaults) {
      if (!parsed.namedGroups().containsKey(d.key())) {
        // st2 would look the key up in groupdict() and fail with KeyError on every match.
        throw new AliasFormatException(
            source,
            "optional parameter '" + d.key() + "' has no group of its own (st2 raises KeyError)");
      }
    }
    List<NamedGroup> groups = new ArrayList<>();
    parsed.namedGroups().forEach((name, number) -> groups.add(new NamedGroup(name, number)));
    return new CompiledFormat(
        source, translated.pattern(), groups, defaults, LeadingText.of(parsed));
  }

  private static String parameter(String key) {
    return FormatSnippets.PARAMETER_START + key + FormatSnippets.PARAMETER_VALUE;
  }

  /** Python's {@code re.sub} with a function: the replacement text is taken literally. */
  private static String substitute(Pattern macro, String text, Function<Matcher, String> with) {
    Matcher m = macro.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The format as given ("" for null), never null. */
  public String format() {
    return format;
  }

  /**
   * Every text a matching command must start with one of, after st2 strips the leading whitespace
   * and the trailing key=value pairs ({@link ParamStream}); empty when unknown (the format starts
   * with a parameter, a class, a repeat, its own anchor, or is case-insensitive). Never null.
   */
  public List<String> leadingTexts() {
    return leadingTexts;
  }

  /**
   * st2's {@code get_extracted_param_value}: the parameters of the first match.
   *
   * @return parameter name to value, in st2's order (format groups, then new trailing pairs);
   *     values are null where a group did not take part; never null
   * @throws AliasParseException with st2's exact message when the command does not match, or
   *     matches but yields no value at all
   */
  public Map<String, String> parse(String command) throws AliasParseException {
    return parse(ParamStream.of(command));
  }

  /** {@link #parse(String)} for a command prepared once for many formats. */
  public Map<String, String> parse(ParamStream stream) throws AliasParseException {
    Matcher m = pattern.matcher(stream.stream());
    if (!m.find()) {
      throw AliasParseException.noMatch(stream.command(), format);
    }
    Map<String, String> result = assemble(m, stream);
    if (result == null) {
      throw AliasParseException.noValue();
    }
    return result;
  }

  /**
   * {@link #parse(ParamStream)} without exceptions: empty exactly when it would throw. This is the
   * matcher's hot path.
   */
  public Optional<Map<String, String>> tryParse(ParamStream stream) {
    Matcher m = pattern.matcher(stream.stream());
    return m.find() ? Optional.ofNullable(assemble(m, stream)) : Optional.empty();
  }

  /** Whether {@link #parse(String)} would succeed; never throws. */
  public boolean matches(String command) {
    return tryParse(ParamStream.of(command)).isPresent();
  }

  /**
   * st2's {@code get_multiple_extracted_param_value} for formats flagged {@code match_multiple}:
   * one map per non-overlapping match, in command order (Python's {@code finditer}).
   *
   * @return the maps; empty, not an exception, when nothing matches (as in st2); never null
   * @throws AliasParseException "No value supplied and no default value found." when a match yields
   *     no value at all
   */
  public List<Map<String, String>> parseAll(String command) throws AliasParseException {
    return parseAll(ParamStream.of(command));
  }

  /** {@link #parseAll(String)} for a prepared command. */
  public List<Map<String, String>> parseAll(ParamStream stream) throws AliasParseException {
    String text = stream.stream();
    List<Map<String, String>> results = new ArrayList<>();
    int from = 0;
    boolean mustAdvance = false;
    while (from <= text.length()) {
      Matcher m = (mustAdvance ? advancingPattern : pattern).matcher(text);
      if (!m.find(from)) {
        break;
      }
      Map<String, String> result = assemble(m, stream);
      if (result == null) {
        throw AliasParseException.noValue();
      }
      results.add(result);
      mustAdvance = m.end() == m.start();
      from = m.end();
    }
    return List.copyOf(results);
  }

  /** st2's {@code match_params_in_stream}; null when it would raise "No value supplied...". */
  private Map<String, String> assemble(Matcher m, ParamStream stream) {
    Map<String, String> result = new LinkedHashMap<>();
    for (NamedGroup group : groups) {
      result.put(group.name(), m.group(group.number()));
    }
    for (Default d : defaults) {
      String value = result.get(d.key());
      // Python's "value or default": None and "" both fall back.
      result.put(d.key(), value == null || value.isEmpty() ? d.value() : value);
    }
    for (ParamStream.Pair pair : stream.pairs()) {
      result.put(pair.key(), pair.value());
    }
    boolean noValue =
        !format.isEmpty()
            && PythonWhitespace.strip(stream.stream()).isEmpty()
            && result.values().stream().allMatch(v -> v == null || v.isEmpty());
    return noValue ? null : Collections.unmodifiableMap(result);
  }

  @Override
  public String toString() {
    return "CompiledFormat[" + format + " -> " + pattern.pattern() + "]";
  }
}
