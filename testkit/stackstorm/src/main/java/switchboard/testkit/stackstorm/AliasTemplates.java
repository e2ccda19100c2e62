package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * st2's Jinja environment ({@code st2common/util/jinja.py}) on Jinjava: {@code trim_blocks} and
 * {@code lstrip_blocks}, Python-like map iteration and printing, st2's common filters, and its two
 * undefined-variable modes: strict for ack messages and {@code render_values} (contract §4.1),
 * lenient for result messages ({@code format_execution_result}, contract §7). Thread-safe.
 */
final class AliasTemplates {

  /** A template st2 could not render; the message is st2's text for the cause. */
  static final class RenderFailure extends Exception {
    RenderFailure(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern UNKNOWN_TOKEN = Pattern.compile("Unknown token found: (.+)$");
  private static final Pattern LAST_ATTRIBUTE =
      Pattern.compile("(?:\\.|\\[['\"]?)([^.\\['\"\\]]+)['\"]?\\]?$");

  private static final YAMLMapper YAML =
      new YAMLMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final Jinjava strict = environment(true);
  private final Jinjava lenient = environment(false);

  /**
   * Renders with Jinja's StrictUndefined.
   *
   * @throws RenderFailure with jinja2's {@code UndefinedError} text ({@code 'x' is undefined}) or
   *     the engine's reason for another fatal error
   */
  String renderStrict(String template, Map<String, Object> context) throws RenderFailure {
    return render(strict, template, context);
  }

  /** Renders with undefined variables printing as nothing, as {@code allow_undefined=True} does. */
  String renderLenient(String template, Map<String, Object> context) throws RenderFailure {
    return render(lenient, template, context);
  }

  /**
   * st2's {@code render_values(mapping, context)}, strict: each value is rendered as a template;
   * objects and arrays go through JSON text and back; a value whose text does not change keeps its
   * original type.
   */
  JsonNode renderValues(JsonNode mapping, Map<String, Object> context) throws RenderFailure {
    ObjectNode rendered = St2Values.object();
    for (Map.Entry<String, JsonNode> field : mapping.properties()) {
      JsonNode value = field.getValue();
      boolean structured = value.isObject() || value.isArray();
      String text = structured ? value.toString() : St2Values.pythonStr(value);
      String out = renderStrict(text, context);
      if (out.equals(text)) {
        rendered.set(field.getKey(), value.deepCopy());
      } else if (structured) {
        try {
          rendered.set(field.getKey(), St2Values.JSON.readTree(out));
        } catch (JsonProcessingException e) {
          throw new RenderFailure(e.getOriginalMessage());
        }
      } else {
        rendered.put(field.getKey(), out);
      }
    }
    return rendered;
  }

  /**
   * A JSON value as the template sees it: maps, lists, strings, numbers, booleans, and {@link
   * PythonNone} for null, so that a null is defined (Jinjava's strict mode would call it unknown),
   * prints as {@code None} and is false, as Python's None is.
   */
  static Object templateValue(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return PythonNone.NONE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(f -> map.put(f.getKey(), templateValue(f.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(v -> list.add(templateValue(v)));
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isIntegralNumber() ? (Object) node.longValue() : (Object) node.doubleValue();
  }

  /** Python's None inside templates: prints {@code None}, is false, serializes as null. */
  static final class PythonNone implements HasObjectTruthValue, PyishSerializable {
    static final PythonNone NONE = new PythonNone();

    private PythonNone() {}

    @Override
    public boolean getObjectTruthValue() {
      return false;
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable)
        throws IOException {
      appendable.append("None");
      return appendable;
    }

    @JsonValue
    Object json() {
      return null;
    }

    @Override
    public String toString() {
      return "None";
    }
  }

  private static String render(Jinjava engine, String template, Map<String, Object> context)
      throws RenderFailure {
    RenderResult result = engine.renderForResult(template, context);
    Optional<TemplateError> fatal =
        result.getErrors().stream()
            .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
            .findFirst();
    if (fatal.isPresent()) {
      throw new RenderFailure(st2Text(fatal.get().getMessage()));
    }
    return result.getOutput();
  }

  /** jinja2's UndefinedError texts for a missing name and a missing attribute. */
  private static String st2Text(String jinjavaMessage) {
    Matcher unknown = UNKNOWN_TOKEN.matcher(jinjavaMessage);
    if (!unknown.find()) {
      return jinjavaMessage;
    }
    String token = unknown.group(1).trim();
    Matcher attribute = LAST_ATTRIBUTE.matcher(token);
    if (attribute.find()) {
      return "'dict object' has no attribute '" + attribute.group(1) + "'";
    }
    return "'" + token + "' is undefined";
  }

  private static Jinjava environment(boolean strictUndefined) {
    Jinjava jinjava =
        new Jinjava(
            JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withFailOnUnknownTokens(strictUndefined)
                .withLegacyOverrides(
                    LegacyOverrides.newBuilder()
                        .withIterateOverMapKeys(true)
                        .withUsePyishObjectMapper(true)
                        .withEvaluateMapKeys(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build());
    jinjava.getGlobalContext().registerFilter(filter("to_json_string", v -> v.toString()));
    jinjava.getGlobalContext().registerFilter(filter("to_yaml_string", AliasTemplates::yaml));
    jinjava
        .getGlobalContext()
        .registerFilter(
            filter("to_human_time_from_seconds", v -> DefaultResultFormat.humanTime(v.asDouble())));
    return jinjava;
  }

  private static String yaml(JsonNode value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** One of st2's Jinja filters ({@code st2common/jinja/filters}) over the value as JSON. */
  private static Filter filter(String name, Function<JsonNode, String> body) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(St2Values.JSON.valueToTree(var));
      }
    };
  }
}
