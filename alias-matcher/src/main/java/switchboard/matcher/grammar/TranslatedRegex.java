package switchboard.matcher.grammar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Python regular expression translated to java.util.regex.
 *
 * @param pythonRegex the source as Python reads it, never null
 * @param pattern the compiled Java equivalent, never null; use {@code find()} for Python's {@code
 *     search} and {@code lookingAt()} for its {@code match}
 * @param groupNames Python group name to Java group name, in definition order (the order of
 *     Python's {@code groupdict()}); Java names match {@code g[0-9]+} because Java allows neither
 *     underscores nor leading digits, never null
 */
public record TranslatedRegex(String pythonRegex, Pattern pattern, Map<String, String> groupNames) {

  public TranslatedRegex {
    groupNames = Collections.unmodifiableMap(new LinkedHashMap<>(groupNames));
  }
}
