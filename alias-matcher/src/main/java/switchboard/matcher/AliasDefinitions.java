package switchboard.matcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;
import switchboard.records.AliasResult;

/** Turns the {@code chatops.aliases} record into the pure matcher's {@link Alias}. */
public final class AliasDefinitions {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private AliasDefinitions() {}

  public static Alias toAlias(AliasDefinition definition) {
    List<AliasFormatSpec> formats =
        definition.getFormats().stream()
            .map(
                f ->
                    new AliasFormatSpec(
                        f.getDisplay(), f.getRepresentations(), f.getMatchMultiple()))
            .toList();
    return new Alias(
        definition.getRef(),
        definition.getPack(),
        definition.getName(),
        definition.getDescription(),
        definition.getEnabled(),
        definition.getActionRef(),
        formats,
        ack(definition.getAck()),
        result(definition.getResult()),
        object(definition.getExtraJson()),
        Set.copyOf(definition.getSecretParameters()));
  }

  private static Map<String, Object> ack(AliasAck ack) {
    if (ack == null) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("enabled", ack.getEnabled());
    putIfPresent(map, "format", ack.getFormat());
    putIfPresent(map, "append_url", ack.getAppendUrl());
    putIfPresent(map, "extra", ack.getExtraJson() == null ? null : object(ack.getExtraJson()));
    return map;
  }

  private static Map<String, Object> result(AliasResult result) {
    if (result == null) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("enabled", result.getEnabled());
    putIfPresent(map, "format", result.getFormat());
    putIfPresent(
        map, "extra", result.getExtraJson() == null ? null : object(result.getExtraJson()));
    return map;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Map<String, Object> object(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, OBJECT);
    } catch (JsonProcessingException e) {
      // The dispatcher wrote this from StackStorm's own JSON; a broken extra must not hide the
      // alias.
      return Map.of();
    }
  }
}
