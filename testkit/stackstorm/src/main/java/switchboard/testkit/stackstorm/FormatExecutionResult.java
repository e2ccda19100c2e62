package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chatops pack's {@code chatops.format_execution_result} action ({@code
 * contrib/chatops/actions/format_execution_result.py}, contract §7 step 3): the result message of a
 * finished execution, rendered from its alias's {@code result.format} with the context {@code
 * {execution, alias}} (undefined variables allowed), or the default template. Used both for the
 * action itself and for the announcements the double posts.
 */
final class FormatExecutionResult {

  /** What the action ends with. */
  sealed interface Outcome permits Formatted, Refused {}

  /**
   * The action's return value {@code {"message": ..., "extra": ...}}.
   *
   * @param extra the rendered {@code result.extra}; null when the alias has none
   */
  record Formatted(String message, JsonNode extra) implements Outcome {
    JsonNode asJson() {
      ObjectNode json = St2Values.object();
      json.put("message", message);
      if (extra != null) {
        json.set("extra", extra);
      }
      return json;
    }
  }

  /** The action raised: {@code result.enabled} is false, the alias is gone, or rendering failed. */
  record Refused(String reason) implements Outcome {}

  /** Fields the action leaves out when it fetches the execution. */
  private static final List<String> EXCLUDED =
      List.of("trigger", "trigger_type", "trigger_instance", "liveaction");

  private final AliasStore aliases;
  private final AliasTemplates templates;

  FormatExecutionResult(AliasStore aliases, AliasTemplates templates) {
    this.aliases = aliases;
    this.templates = templates;
  }

  Outcome format(JsonNode executionJson) {
    ObjectNode execution = executionJson.deepCopy();
    execution.remove(EXCLUDED);
    Map<String, Object> context = new HashMap<>();
    context.put("execution", AliasTemplates.templateValue(execution));
    String aliasId = execution.path("context").path("action_alias_ref").path("id").asText(null);
    String template = null;
    JsonNode extra = null;
    if (aliasId != null) {
      Optional<ObjectNode> alias = aliases.byRefOrId(aliasId);
      if (alias.isEmpty()) {
        return new Refused("ActionAlias with id \"" + aliasId + "\" not found");
      }
      context.put("alias", AliasTemplates.templateValue(alias.get()));
      JsonNode result = alias.get().path("result");
      if (St2Values.truthy(result)) {
        if (!result.path("enabled").asBoolean(true)) {
          return new Refused("Output of this template is disabled.");
        }
        if (result.has("format")) {
          template = St2Values.pythonStr(result.get("format"));
        }
        if (result.has("extra")) {
          try {
            extra = templates.renderValues(result.get("extra"), context);
          } catch (AliasTemplates.RenderFailure e) {
            return new Refused(e.getMessage());
          }
        }
      }
    }
    try {
      String message =
          template == null
              ? DefaultResultFormat.render(execution)
              : templates.renderLenient(template, context);
      return new Formatted(message, extra);
    } catch (AliasTemplates.RenderFailure e) {
      return new Refused(e.getMessage());
    }
  }
}
