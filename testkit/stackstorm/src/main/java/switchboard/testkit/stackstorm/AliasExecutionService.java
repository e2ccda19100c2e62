package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import switchboard.matcher.grammar.AliasFormatException;
import switchboard.matcher.grammar.AliasParseException;
import switchboard.matcher.grammar.CompiledFormat;
import switchboard.matcher.match.AliasFormatSpec;
import switchboard.matcher.match.MatchResult;

/**
 * st2's alias execution controller ({@code st2api/controllers/v1/aliasexecution.py}, contract §4):
 * {@code POST /api/v1/aliasexecution} and {@code /aliasexecution/match_and_execute}, in st2's order
 * of checks and with its texts. Parsing is the alias-matcher's port of st2's parser; this class
 * only does what the API does around it. Thread-safe.
 */
final class AliasExecutionService {

  /** The key of {@code source_context} that carries Switchboard's request id (see package doc). */
  static final String REQUEST_ID = "request_id";

  /** The body of an alias execution after validation. */
  private record Payload(
      String name,
      String format,
      String command,
      JsonNode user,
      JsonNode sourceChannel,
      JsonNode sourceContext,
      String route) {}

  private final AliasStore aliases;
  private final Function<String, ActionSpec> actions;
  private final Executions executions;
  private final AliasTemplates templates;

  AliasExecutionService(
      AliasStore aliases,
      Function<String, ActionSpec> actions,
      Executions executions,
      AliasTemplates templates) {
    this.aliases = aliases;
    this.actions = actions;
    this.executions = executions;
    this.templates = templates;
  }

  /**
   * {@code POST /api/v1/aliasexecution}: 201 {@code {execution, actionalias, message?, extra?}}.
   */
  ObjectNode execute(JsonNode body, String requester) {
    BodySchema.ALIAS_EXECUTION.validate(body);
    Payload payload =
        new Payload(
            body.get("name").asText(),
            body.get("format").asText(),
            body.get("command").asText(),
            body.path("user"),
            body.get("source_channel"),
            body.path("source_context"),
            route(body));
    return post(payload, requester, false).get(0);
  }

  /** {@code POST /api/v1/aliasexecution/match_and_execute}: 201 {@code {"results": [...]}}. */
  ObjectNode matchAndExecute(JsonNode body, String requester) {
    BodySchema.MATCH_AND_EXECUTE.validate(body);
    String command = body.get("command").asText();
    MatchResult result = aliases.matcher().match(command);
    if (result instanceof MatchResult.Ambiguous ambiguous) {
      throw ApiError.badRequest(ambiguous.st2Faultstring());
    }
    if (result instanceof MatchResult.NoMatch noMatch) {
      throw ApiError.badRequest(noMatch.st2Faultstring());
    }
    MatchResult.Matched matched = (MatchResult.Matched) result;
    boolean multiple =
        matched.alias().formats().stream()
            .filter(AliasFormatSpec::matchMultiple)
            .anyMatch(f -> f.representations().contains(matched.representation()));
    Payload payload =
        new Payload(
            matched.alias().name(),
            matched.representation(),
            command,
            body.path("user"),
            body.get("source_channel"),
            St2Values.NODES.missingNode(),
            route(body));
    ObjectNode answer = St2Values.object();
    ArrayNode results = answer.putArray("results");
    post(payload, requester, multiple).forEach(results::add);
    return answer;
  }

  /** {@code ActionAliasExecutionController._post}. */
  private List<ObjectNode> post(Payload payload, String requester, boolean matchMultiple) {
    if (payload.name().isEmpty()) {
      throw ApiError.badRequest("Alias execution \"name\" is required");
    }
    AliasStore.Found found =
        aliases
            .byName(payload.name())
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "Unable to find the ActionAliasDB instance. {'name': '"
                            + payload.name()
                            + "'}"));
    ObjectNode alias = found.alias();
    if (!alias.path("enabled").asBoolean(true)) {
      throw ApiError.badRequest("Action alias with name \"" + payload.name() + "\" is disabled.");
    }
    List<ObjectNode> parameterSets = extractParameters(found, payload, matchMultiple);

    ObjectNode context = St2Values.object();
    ObjectNode aliasRef = context.putObject("action_alias_ref");
    aliasRef.put("id", alias.get("id").asText());
    aliasRef.put("name", alias.get("name").asText());
    context.set("api_user", nullable(payload.user()));
    context.put("user", requester);
    context.set("source_channel", payload.sourceChannel().deepCopy());

    injectImmutableParameters(alias, parameterSets, context);

    ObjectNode notifyData = St2Values.object();
    notifyData.set("user", nullable(payload.user()));
    notifyData.set("source_channel", payload.sourceChannel().deepCopy());
    notifyData.set("source_context", nullable(payload.sourceContext()));
    Executions.Notify notify = new Executions.Notify(payload.route(), notifyData);
    String requestId =
        payload.sourceContext().path(REQUEST_ID).isTextual()
            ? payload.sourceContext().get(REQUEST_ID).asText()
            : null;

    ActionSpec action = actions.apply(alias.get("action_ref").asText());
    List<ObjectNode> results = new ArrayList<>();
    for (ObjectNode parameters : parameterSets) {
      ParameterCasts.cast(parameters, action.parameterTypes());
      ObjectNode execution =
          executions.create(action, parameters, context.deepCopy(), notify, requestId);
      ObjectNode result = St2Values.object();
      result.set("execution", execution);
      result.set("actionalias", alias.deepCopy());
      acknowledge(alias, result);
      results.add(result);
    }
    return results;
  }

  /** {@code extract_parameters_for_action_alias_db}: the format must be the alias's own. */
  private static List<ObjectNode> extractParameters(
      AliasStore.Found found, Payload payload, boolean matchMultiple) {
    if (!found.formats().offers(payload.format())) {
      throw ApiError.badRequest(
          "Format string \""
              + payload.format()
              + "\" is not available on the alias \""
              + found.alias().get("name").asText()
              + "\"");
    }
    List<Map<String, String>> parsed;
    try {
      CompiledFormat format = found.formats().compiled(payload.format());
      parsed =
          matchMultiple
              ? format.parseAll(payload.command())
              : List.of(format.parse(payload.command()));
    } catch (AliasFormatException | AliasParseException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    List<ObjectNode> sets = new ArrayList<>();
    for (Map<String, String> values : parsed) {
      ObjectNode parameters = St2Values.object();
      values.forEach(parameters::put);
      sets.add(parameters);
    }
    return sets;
  }

  /**
   * {@code inject_immutable_parameters} (contract §4.4 step 2): rendered with the execution context
   * and an empty datastore, refused when the command set one of them.
   */
  private void injectImmutableParameters(
      ObjectNode alias, List<ObjectNode> parameterSets, ObjectNode context) {
    JsonNode immutable = alias.path("immutable_parameters");
    if (!St2Values.truthy(immutable)) {
      return;
    }
    Map<String, Object> templateContext = new HashMap<>();
    templateContext.put("st2kv", Map.of("system", Map.of(), "user", Map.of()));
    context
        .properties()
        .forEach(f -> templateContext.put(f.getKey(), AliasTemplates.templateValue(f.getValue())));
    JsonNode rendered;
    try {
      rendered = templates.renderValues(immutable, templateContext);
    } catch (AliasTemplates.RenderFailure e) {
      throw new ApiError(500, e.getMessage());
    }
    for (ObjectNode parameters : parameterSets) {
      List<String> overridden = new ArrayList<>();
      immutable
          .fieldNames()
          .forEachRemaining(
              k -> {
                if (parameters.has(k)) {
                  overridden.add(k);
                }
              });
      if (!overridden.isEmpty()) {
        // st2's own spelling, "overriden" (action_alias_utils.py).
        throw ApiError.badRequest(
            "Immutable arguments cannot be overriden: " + String.join(",", overridden));
      }
      parameters.setAll((ObjectNode) rendered);
    }
  }

  /**
   * The ack (contract §4.1): {@code ack.format} and {@code ack.extra} rendered strictly with
   * exactly {@code {execution, actionalias}}; an undefined variable replaces the text, the
   * execution stays.
   */
  private void acknowledge(ObjectNode alias, ObjectNode result) {
    JsonNode ack = alias.path("ack");
    if (!St2Values.truthy(ack)) {
      return;
    }
    Map<String, Object> context = new HashMap<>();
    context.put("execution", AliasTemplates.templateValue(result.get("execution")));
    context.put("actionalias", AliasTemplates.templateValue(result.get("actionalias")));
    if (ack.has("format")) {
      try {
        result.put(
            "message", templates.renderStrict(St2Values.pythonStr(ack.get("format")), context));
      } catch (AliasTemplates.RenderFailure e) {
        result.put(
            "message", "Cannot render \"format\" in field \"ack\" for alias. " + e.getMessage());
      }
    }
    if (ack.has("extra")) {
      try {
        result.set("extra", templates.renderValues(ack.get("extra"), context));
      } catch (AliasTemplates.RenderFailure e) {
        result.put(
            "extra", "Cannot render \"extra\" in field \"ack\" for alias. " + e.getMessage());
      }
    }
  }

  /** {@code _get_notify_field}: notification_route, else notification_channel, else none. */
  private static String route(JsonNode body) {
    for (String key : List.of("notification_route", "notification_channel")) {
      JsonNode value = body.path(key);
      if (value.isTextual() && !value.asText().isEmpty()) {
        return value.asText();
      }
    }
    return null;
  }

  private static JsonNode nullable(JsonNode value) {
    return value.isMissingNode() ? St2Values.NODES.nullNode() : value.deepCopy();
  }
}
