package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runners the double's actions use, as {@code GET /api/v1/runnertypes} lists them, with the
 * parameters st2's own runner metadata marks {@code secret: true}: the remote runners' {@code
 * password}, {@code private_key} and {@code passphrase}, the local runners' {@code sudo_password}.
 * Other runner parameters are left out: nothing in the double reads them.
 */
final class RunnerTypes {

  private static final Map<String, Set<String>> SECRETS =
      new TreeMap<>(
          Map.of(
              "local-shell-cmd", Set.of("sudo_password"),
              "local-shell-script", Set.of("sudo_password"),
              "remote-shell-cmd", Set.of("password", "private_key", "passphrase"),
              "remote-shell-script", Set.of("password", "private_key", "passphrase"),
              "python-script", Set.of(),
              "noop", Set.of(),
              "orquesta", Set.of(),
              "announcement", Set.of()));

  private RunnerTypes() {}

  static List<ObjectNode> st2Json() {
    return SECRETS.entrySet().stream()
        .map(
            runner -> {
              ObjectNode json = St2Values.object();
              json.put("name", runner.getKey()).put("enabled", true);
              ObjectNode parameters = json.putObject("runner_parameters");
              runner
                  .getValue()
                  .forEach(
                      name -> parameters.putObject(name).put("type", "string").put("secret", true));
              return json;
            })
        .toList();
  }
}
