package switchboard.matcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks parameter values whose names say they are secret before they reach the long-retention audit
 * topic. StackStorm marks secret action parameters with {@code secret: true}, but the matcher sees
 * only the alias, so names are the signal available here.
 */
final class SecretParameters {

  static final String MASK = "********";
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential).*");

  private SecretParameters() {}

  static Map<String, String> masked(Map<String, String> parameters) {
    Map<String, String> masked = new LinkedHashMap<>();
    parameters.forEach(
        (name, value) ->
            masked.put(name, value != null && SECRET_NAME.matcher(name).matches() ? MASK : value));
    return masked;
  }
}
