package switchboard.matcher;

import java.util.Comparator;
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
    parameters.forEach((name, value) -> masked.put(name, isSecret(name, value) ? MASK : value));
    return masked;
  }

  /**
   * The command text with every secret value replaced by the mask: the text holds the values as
   * typed, so masking only the parameter map would still leak them. Longest values first, so a
   * secret that contains another is masked whole.
   */
  static String maskedCommand(String command, Map<String, String> parameters) {
    if (command == null) {
      return null;
    }
    String masked = command;
    for (String secret :
        parameters.entrySet().stream()
            .filter(e -> isSecret(e.getKey(), e.getValue()) && !e.getValue().isBlank())
            .map(Map.Entry::getValue)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList()) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  private static boolean isSecret(String name, String value) {
    return value != null && SECRET_NAME.matcher(name).matches();
  }
}
