package switchboard.dispatcher.aliases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which parameters of each action StackStorm treats as secret, from two list calls per resync
 * instead of one call per action: {@code GET /api/v1/actions} (each action's own parameters) and
 * {@code GET /api/v1/runnertypes} (each runner's). Pure.
 *
 * <p>st2 merges them as its parameter view does: a runner parameter the action redefines takes the
 * action's attributes over the runner's, so the action's {@code secret} wins where it says
 * anything, and the runner's applies otherwise.
 */
public final class SecretParameterIndex {

  private SecretParameterIndex() {}

  /**
   * @param actions st2's ActionAPI objects ({@code ref}, {@code runner_type}, {@code parameters})
   * @param runners st2's RunnerTypeAPI objects ({@code name}, {@code runner_parameters})
   * @return action ref to its secret parameter names, sorted
   */
  public static Map<String, List<String>> of(List<JsonNode> actions, List<JsonNode> runners) {
    Map<String, JsonNode> runnerParameters = new HashMap<>();
    runners.forEach(
        r -> runnerParameters.put(r.path("name").asText(), r.path("runner_parameters")));
    Map<String, List<String>> index = new HashMap<>();
    for (JsonNode action : actions) {
      String ref = action.path("ref").asText("");
      if (ref.isEmpty()) {
        continue;
      }
      JsonNode own = action.path("parameters");
      Set<String> secret = new TreeSet<>();
      runnerParameters
          .getOrDefault(action.path("runner_type").asText(), MissingNode.getInstance())
          .properties()
          .forEach(
              p -> {
                if (isSecret(own.path(p.getKey()), p.getValue())) {
                  secret.add(p.getKey());
                }
              });
      own.properties()
          .forEach(
              p -> {
                if (p.getValue().path("secret").asBoolean(false)) {
                  secret.add(p.getKey());
                }
              });
      index.put(ref, List.copyOf(secret));
    }
    return Map.copyOf(index);
  }

  private static boolean isSecret(JsonNode actionsOwn, JsonNode runners) {
    return actionsOwn.has("secret")
        ? actionsOwn.path("secret").asBoolean(false)
        : runners.path("secret").asBoolean(false);
  }
}
