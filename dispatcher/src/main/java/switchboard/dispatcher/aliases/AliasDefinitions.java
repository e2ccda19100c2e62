package switchboard.dispatcher.aliases;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;
import switchboard.records.AliasFormat;
import switchboard.records.AliasResult;

/**
 * StackStorm's ActionAlias JSON ({@code GET /api/v1/actionalias}, contract §3.1) as the {@link
 * AliasDefinition} record of {@code chatops.aliases}. Pure.
 *
 * <p>Formats are kept as StackStorm has them: a string format becomes a format whose display and
 * single representation are that string; an object keeps its display (or null), its {@code
 * representation} (a string or a list; none stays empty, the matcher applies st2's empty
 * representation rule) and {@code match_multiple}. Free-form objects ({@code extra}, {@code
 * immutable_parameters}, {@code ack.extra}, {@code result.extra}) travel as JSON documents.
 */
public final class AliasDefinitions {

  private AliasDefinitions() {}

  /**
   * @throws IllegalArgumentException when the JSON lacks what every alias has: {@code name}, {@code
   *     pack} and {@code action_ref}
   */
  public static AliasDefinition fromSt2(JsonNode alias) {
    String name = required(alias, "name");
    String pack = required(alias, "pack");
    return AliasDefinition.newBuilder()
        .setId(text(alias, "id"))
        .setRef(ref(alias))
        .setUid(text(alias, "uid"))
        .setName(name)
        .setPack(pack)
        .setDescription(text(alias, "description"))
        .setEnabled(alias.path("enabled").asBoolean(true))
        .setActionRef(required(alias, "action_ref"))
        .setFormats(formats(alias.path("formats")))
        .setAck(ack(alias.path("ack")))
        .setResult(result(alias.path("result")))
        .setExtraJson(json(alias.path("extra")))
        .setImmutableParametersJson(json(alias.path("immutable_parameters")))
        .setMetadataFile(text(alias, "metadata_file"))
        .build();
  }

  /** {@code ref}, or {@code <pack>.<name>} as st2 computes it when the JSON has none. */
  public static String ref(JsonNode alias) {
    String ref = text(alias, "ref");
    return ref != null ? ref : required(alias, "pack") + "." + required(alias, "name");
  }

  private static List<AliasFormat> formats(JsonNode formats) {
    List<AliasFormat> result = new ArrayList<>();
    for (JsonNode format : formats) {
      if (format.isTextual()) {
        result.add(new AliasFormat(format.asText(), List.of(format.asText()), false));
        continue;
      }
      List<String> representations = new ArrayList<>();
      JsonNode representation = format.path("representation");
      if (representation.isTextual()) {
        representations.add(representation.asText());
      } else {
        representation.forEach(r -> representations.add(r.asText()));
      }
      result.add(
          new AliasFormat(
              text(format, "display"),
              representations,
              format.path("match_multiple").asBoolean(false)));
    }
    return result;
  }

  private static AliasAck ack(JsonNode ack) {
    if (!ack.isObject()) {
      return null;
    }
    JsonNode appendUrl = ack.path("append_url");
    return new AliasAck(
        ack.path("enabled").asBoolean(true),
        text(ack, "format"),
        appendUrl.isBoolean() ? appendUrl.asBoolean() : null,
        json(ack.path("extra")));
  }

  private static AliasResult result(JsonNode result) {
    if (!result.isObject()) {
      return null;
    }
    return new AliasResult(
        result.path("enabled").asBoolean(true), text(result, "format"), json(result.path("extra")));
  }

  private static String json(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? null : value.toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private static String required(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("an action alias without " + field + ": " + node);
    }
    return value;
  }
}
