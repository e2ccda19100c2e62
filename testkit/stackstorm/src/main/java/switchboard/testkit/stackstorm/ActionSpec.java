package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the double simulates one StackStorm action: its runner, how its executions end and what
 * result they carry.
 *
 * <p>Actions named by an alias's {@code action_ref} exist implicitly (as {@link #of(String)});
 * {@code core.local}, {@code core.remote}, {@code core.noop} and {@code
 * chatops.format_execution_result} are built in. Program others, or change these, with {@link
 * StackStormDouble#programAction(ActionSpec)}.
 *
 * @param ref {@code <pack>.<name>}, never null
 * @param runnerType st2's runner name ({@code local-shell-cmd}, {@code remote-shell-cmd}, {@code
 *     python-script}, ...); it shapes the default result and the default result message
 * @param outcome the terminal status every execution of this action reaches
 * @param result the execution's {@code result}; null means a plausible result for the runner, built
 *     from the parameters (for example {@code {stdout, stderr, return_code, succeeded, failed}} for
 *     shell runners)
 * @param parameterTypes parameter name to st2 type ({@code string}, {@code integer}, {@code
 *     number}, {@code boolean}, {@code array}, {@code object}); alias executions cast parsed values
 *     by these types as st2's {@code cast_params} does (contract §4.4); never null
 * @param secretParameters the action's own parameters marked {@code secret: true} (its runner's are
 *     in {@link RunnerTypes}); never null
 */
public record ActionSpec(
    String ref,
    String runnerType,
    Outcome outcome,
    JsonNode result,
    Map<String, String> parameterTypes,
    Set<String> secretParameters) {

  /** The terminal statuses the double can simulate (contract §5). */
  public enum Outcome {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    TIMEOUT("timeout");

    private final String status;

    Outcome(String status) {
      this.status = status;
    }

    /** st2's status string. */
    public String status() {
      return status;
    }
  }

  public ActionSpec {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(runnerType, "runnerType");
    Objects.requireNonNull(outcome, "outcome");
    result = result == null ? null : result.deepCopy();
    parameterTypes = parameterTypes == null ? Map.of() : Map.copyOf(parameterTypes);
    secretParameters = secretParameters == null ? Set.of() : Set.copyOf(secretParameters);
  }

  /** A succeeding {@code python-script} action with a default result: the implicit kind. */
  public static ActionSpec of(String ref) {
    return new ActionSpec(ref, "python-script", Outcome.SUCCEEDED, null, Map.of(), Set.of());
  }

  /** A succeeding action of the implicit kind whose executions carry {@code result}. */
  public static ActionSpec succeeding(String ref, JsonNode result) {
    return of(ref).withResult(result);
  }

  /** An action of the implicit kind whose executions fail with {@code result} (null: default). */
  public static ActionSpec failing(String ref, JsonNode result) {
    return of(ref).withOutcome(Outcome.FAILED).withResult(result);
  }

  public ActionSpec withRunner(String runner) {
    return new ActionSpec(ref, runner, outcome, result, parameterTypes, secretParameters);
  }

  public ActionSpec withOutcome(Outcome newOutcome) {
    return new ActionSpec(ref, runnerType, newOutcome, result, parameterTypes, secretParameters);
  }

  public ActionSpec withResult(JsonNode newResult) {
    return new ActionSpec(ref, runnerType, outcome, newResult, parameterTypes, secretParameters);
  }

  public ActionSpec withParameterTypes(Map<String, String> types) {
    return new ActionSpec(ref, runnerType, outcome, result, types, secretParameters);
  }

  public ActionSpec withSecretParameters(Set<String> names) {
    return new ActionSpec(ref, runnerType, outcome, result, parameterTypes, names);
  }

  /**
   * The action as {@code GET /api/v1/actions} lists it: ref, pack, name, runner and its own
   * parameters, with {@code secret: true} where set.
   */
  ObjectNode st2Json() {
    ObjectNode parameters = St2Values.object();
    parameterTypes.forEach((name, type) -> parameters.putObject(name).put("type", type));
    secretParameters.forEach(
        name -> {
          ObjectNode parameter =
              parameters.has(name)
                  ? (ObjectNode) parameters.get(name)
                  : parameters.putObject(name).put("type", "string");
          parameter.put("secret", true);
        });
    ObjectNode action = St2Values.object();
    action.put("ref", ref).put("pack", pack()).put("name", name()).put("runner_type", runnerType);
    action.put("enabled", true);
    action.set("parameters", parameters);
    return action;
  }

  /** {@code <pack>} of the ref. */
  String pack() {
    int dot = ref.indexOf('.');
    return dot < 0 ? ref : ref.substring(0, dot);
  }

  /** {@code <name>} of the ref. */
  String name() {
    int dot = ref.indexOf('.');
    return dot < 0 ? ref : ref.substring(dot + 1);
  }
}
