package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The text of the chatops pack's default result template ({@code
 * contrib/chatops/actions/templates/default.j2}, contract §7 step 3), written out in Java so the
 * double needs no Python-only constructs ({@code six.iteritems}). The output keeps that template's
 * lines and its whitespace (st2 renders it with {@code trim_blocks} and {@code lstrip_blocks}):
 *
 * <pre>
 * Action &lt;ref&gt; completed.
 * status : &lt;status&gt;
 * execution: &lt;id&gt;
 *
 * web_url: &lt;url&gt;
 *
 * Took &lt;1m5s&gt; to complete.
 *
 * result :
 * --------
 * stdout : ...
 * </pre>
 *
 * Pure.
 */
final class DefaultResultFormat {

  private static final Set<String> PYTHON_RUNNERS =
      Set.of("run-python", "python-script", "windows-cmd", "windows-script");
  private static final List<String> PYTHON_KEYS =
      List.of("result", "stdout", "stderr", "exit_code");
  private static final Set<String> REMOTE_RUNNERS =
      Set.of("remote-shell-cmd", "remote-shell-script");
  private static final Set<String> LOCAL_RUNNERS = Set.of("local-shell-cmd", "local-shell-script");
  private static final List<String> SHELL_KEYS =
      List.of("stdout", "stderr", "return_code", "error");

  private DefaultResultFormat() {}

  /** Renders the default result message for an execution in the API's JSON shape. */
  static String render(JsonNode execution) {
    StringBuilder out = new StringBuilder("\n");
    out.append("Action ")
        .append(text(execution.path("action").path("ref")))
        .append(" completed.\n");
    out.append("status : ").append(text(execution.path("status"))).append('\n');
    out.append("execution: ").append(text(execution.path("id"))).append("\n\n");
    if (St2Values.truthy(execution.path("web_url"))) {
      out.append("web_url: ").append(text(execution.get("web_url"))).append('\n');
    }
    out.append('\n');
    JsonNode elapsed = execution.path("elapsed_seconds");
    if (St2Values.truthy(elapsed)) {
      out.append("Took ").append(humanTime(elapsed.asDouble())).append(" to complete.\n");
    }
    out.append('\n');
    JsonNode result = execution.path("result");
    if (St2Values.truthy(result)) {
      out.append("result :\n--------\n");
      out.append(resultBody(execution.path("runner").path("name").asText(), result));
    }
    return out.toString();
  }

  private static String resultBody(String runner, JsonNode result) {
    StringBuilder out = new StringBuilder();
    if (runner.equals("http-request")) {
      serialize(out, result, key -> true, "");
    } else if (PYTHON_RUNNERS.contains(runner)) {
      serialize(out, result, PYTHON_KEYS::contains, "");
    } else if (REMOTE_RUNNERS.contains(runner)) {
      for (Map.Entry<String, JsonNode> host : result.properties()) {
        out.append(host.getKey()).append(" : \n");
        serialize(out, host.getValue(), SHELL_KEYS::contains, "  ");
        out.append('\n');
      }
      return out.toString();
    } else if (LOCAL_RUNNERS.contains(runner)) {
      serialize(out, result, SHELL_KEYS::contains, "");
    } else if (result.isObject()) {
      serialize(out, result, key -> true, "");
    } else {
      out.append(St2Values.pythonStr(result));
    }
    return out.append('\n').toString();
  }

  /**
   * The template's {@code serialize} macro over the truthy entries whose key passes {@code keys}
   * (its {@code selectattr('0', 'in', ...) | selectattr('1')}).
   */
  private static void serialize(
      StringBuilder out, JsonNode mapping, Predicate<String> keys, String prefix) {
    for (Map.Entry<String, JsonNode> field : mapping.properties()) {
      JsonNode value = field.getValue();
      if (!keys.test(field.getKey()) || !St2Values.truthy(value)) {
        continue;
      }
      out.append(prefix).append(field.getKey()).append(" : ");
      if (value.isObject()) {
        out.append('\n');
        serialize(out, value, key -> true, prefix + "  ");
      } else if (value.isTextual() && value.textValue().strip().contains("\n")) {
        out.append("      \n")
            .append(prefix)
            .append("  ")
            .append(value.textValue().strip())
            .append('\n');
      } else {
        out.append(St2Values.pythonStr(value).strip()).append('\n');
      }
    }
  }

  /**
   * st2's {@code to_human_time_from_seconds} ({@code st2common/expressions/functions/time.py}),
   * quirks included: under a second it prints the value with a "μs" unit, and days are the day of
   * the month of year 1 plus the duration.
   */
  static String humanTime(double seconds) {
    if (seconds == 0) {
      return "0s";
    }
    if (seconds < 1) {
      return seconds + "\u03BCs";
    }
    long whole = (long) Math.rint(seconds);
    LocalDateTime offset = LocalDateTime.of(1, 1, 1, 0, 0).plusSeconds(whole);
    long[] parts = {
      offset.getYear() - 1L,
      offset.getDayOfMonth() - 1L,
      offset.getHour(),
      offset.getMinute(),
      offset.getSecond()
    };
    String[] units = {"y", "d", "h", "m", "s"};
    int first = 0;
    while (first < parts.length && parts[first] == 0) {
      first++;
    }
    if (first == parts.length) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    for (int i = first; i < parts.length; i++) {
      out.append(parts[i]).append(units[i]);
    }
    return out.toString();
  }

  private static String text(JsonNode value) {
    return St2Values.pythonStr(value == null ? St2Values.NODES.nullNode() : value);
  }
}
