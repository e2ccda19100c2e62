package switchboard.schemas;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secret parameter values before a command is recorded on the long-retention audit topic. A
 * parameter is secret when StackStorm marks it {@code secret: true} (carried on {@code
 * AliasDefinition.secretParameters} and {@code CommandRequest.secretParameters}), or when its name
 * says so: an action written without the flag, or a StackStorm that could not be asked, still must
 * not leak a password into an audit trail kept for a year.
 */
public final class SecretParameters {

  public static final String MASK = "********";
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential).*");

  private SecretParameters() {}

  /**
   * @param declared names StackStorm marks secret
   */
  public static boolean isSecret(String name, Collection<String> declared) {
    return declared.contains(name) || SECRET_NAME.matcher(name).matches();
  }

  /** The parameters with every secret value replaced by {@link #MASK}; nulls stay null. */
  public static Map<String, String> masked(
      Map<String, String> parameters, Collection<String> declared) {
    Map<String, String> masked = new LinkedHashMap<>();
    parameters.forEach(
        (name, value) ->
            masked.put(name, value != null && isSecret(name, declared) ? MASK : value));
    return masked;
  }

  /**
   * The command text with every secret value replaced by the mask: the text holds the values as
   * typed, so masking only the parameter map would still leak them. Longest values first, so a
   * secret that contains another is masked whole.
   */
  public static String maskedCommand(
      String command, Map<String, String> parameters, Collection<String> declared) {
    if (command == null) {
      return null;
    }
    String masked = command;
    for (String secret :
        parameters.entrySet().stream()
            .filter(
                e ->
                    e.getValue() != null
                        && !e.getValue().isBlank()
                        && isSecret(e.getKey(), declared))
            .map(Map.Entry::getValue)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList()) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }
}
