package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Plausible {@code result} objects in the shapes st2's runners produce, for actions whose result
 * was not programmed. Pure.
 */
final class DefaultResults {

  private DefaultResults() {}

  static JsonNode of(ActionSpec action, JsonNode parameters) {
    boolean ok = action.outcome() == ActionSpec.Outcome.SUCCEEDED;
    boolean timedOut = action.outcome() == ActionSpec.Outcome.TIMEOUT;
    String output = "simulated by the StackStorm test double: " + action.ref() + " " + parameters;
    switch (action.runnerType()) {
      case "local-shell-cmd":
      case "local-shell-script":
      case "noop":
        return shell(ok, timedOut, action.runnerType().equals("noop") ? "" : output);
      case "remote-shell-cmd":
      case "remote-shell-script":
        ObjectNode perHost = St2Values.object();
        hosts(parameters.path("hosts")).forEach(h -> perHost.set(h, shell(ok, timedOut, output)));
        return perHost;
      case "python-script":
      case "run-python":
        if (timedOut) {
          return timedOut(python(null, -9, output, ""));
        }
        return ok
            ? python(null, 0, output, "")
            : pythonRaised("simulated failure of " + action.ref());
      case "http-request":
        ObjectNode http = St2Values.object();
        http.put("status_code", ok ? 200 : 500);
        http.put("body", "");
        http.put("parsed", false);
        http.set("headers", St2Values.object());
        return http;
      default:
        return St2Values.object();
    }
  }

  /** The python runner's envelope around a value the action returned. */
  static JsonNode pythonReturned(JsonNode returned) {
    return python(returned, 0, "", "");
  }

  /** The python runner's envelope when the action raised {@code Exception(message)}. */
  static JsonNode pythonRaised(String message) {
    return python(
        null,
        1,
        "",
        "Traceback (most recent call last):\n  File \"<action>\", line 1, in run\nException: "
            + message
            + "\n");
  }

  private static ObjectNode python(JsonNode returned, int exitCode, String stdout, String stderr) {
    ObjectNode result = St2Values.object();
    result.put("exit_code", exitCode);
    result.set("result", returned == null ? St2Values.NODES.nullNode() : returned);
    result.put("stderr", stderr);
    result.put("stdout", stdout);
    return result;
  }

  private static ObjectNode shell(boolean ok, boolean timedOut, String stdout) {
    ObjectNode result = St2Values.object();
    result.put("failed", !ok);
    result.put("succeeded", ok);
    result.put("return_code", ok ? 0 : timedOut ? -9 : 1);
    result.put("stdout", ok ? stdout : "");
    result.put("stderr", ok ? "" : "simulated failure");
    return timedOut ? timedOut(result) : result;
  }

  private static ObjectNode timedOut(ObjectNode result) {
    result.put("error", "Action failed to complete in 600 seconds");
    return result;
  }

  private static List<String> hosts(JsonNode hosts) {
    List<String> names = new ArrayList<>();
    if (hosts.isArray()) {
      hosts.forEach(h -> names.add(h.asText()));
    } else if (hosts.isTextual()) {
      for (String h : hosts.asText().split(",")) {
        if (!h.isBlank()) {
          names.add(h.strip());
        }
      }
    }
    return names.isEmpty() ? List.of("localhost") : names;
  }
}
