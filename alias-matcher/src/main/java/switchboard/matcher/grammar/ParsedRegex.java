package switchboard.matcher.grammar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Python regular expression parsed by {@link PythonRegexParser}.
 *
 * @param root the pattern, a {@link RegexNode.Sequence} or a {@link RegexNode.Alternation}
 * @param namedGroups Python group name to group number, in definition order (the order of Python's
 *     {@code groupdict()})
 * @param javaFlags Java inline flags for the whole pattern ("iu", "i" or "")
 * @param ignoreCase whether the whole pattern is case-insensitive
 */
record ParsedRegex(
    RegexNode root, Map<String, Integer> namedGroups, String javaFlags, boolean ignoreCase) {

  ParsedRegex {
    namedGroups = Collections.unmodifiableMap(new LinkedHashMap<>(namedGroups));
  }
}
