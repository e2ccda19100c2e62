package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import switchboard.matcher.catalog.AliasCatalogReader;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.LinearAliasMatcher;

/**
 * The double's action aliases, kept in the shape {@code GET /api/v1/actionalias} answers
 * (ActionAliasAPI, contract §3.1). Thread-safe: every method holds the store's lock, and the nodes
 * it hands out are copies.
 */
final class AliasStore {

  /** ActionAliasAPI's properties; its schema sets {@code additionalProperties: False}. */
  private static final Set<String> API_FIELDS =
      Set.of(
          "id",
          "ref",
          "uid",
          "name",
          "pack",
          "description",
          "enabled",
          "action_ref",
          "formats",
          "ack",
          "result",
          "extra",
          "immutable_parameters",
          "metadata_file");

  /** One alias as st2 keeps it, with the matcher's view of the same alias. */
  private record Stored(ObjectNode json, Alias alias) {}

  /** Keyed by pack NUL name, so iteration order is st2's default sort: pack, then name. */
  private final Map<String, Stored> byRef = new TreeMap<>();

  private LinearAliasMatcher matcher;

  /** The result of {@link #put}: the alias as stored, and whether it was new. */
  record Change(ObjectNode alias, boolean created) {}

  /**
   * Adds or replaces (by pack and name) an alias given in st2's JSON shape. Keys outside
   * ActionAliasAPI (such as the exchange data set's {@code source} and {@code license}) are
   * dropped; {@code ref}, {@code uid} and a missing {@code id} are computed as st2 does.
   *
   * @throws IllegalArgumentException when name, pack or action_ref is missing, or a format is
   *     neither a string nor an object
   */
  synchronized Change put(JsonNode given) {
    if (given == null || !given.isObject()) {
      throw new IllegalArgumentException("an action alias must be a JSON object: " + given);
    }
    ObjectNode json = St2Values.object();
    given
        .properties()
        .forEach(
            f -> {
              if (API_FIELDS.contains(f.getKey()) && !f.getValue().isNull()) {
                json.set(f.getKey(), f.getValue().deepCopy());
              }
            });
    for (String required : List.of("name", "pack", "action_ref")) {
      if (!json.path(required).isTextual()) {
        throw new IllegalArgumentException("action alias without '" + required + "': " + given);
      }
    }
    String pack = json.get("pack").asText();
    String name = json.get("name").asText();
    String ref = pack + "." + name;
    Stored previous = byRef.get(key(ref));
    if (!json.has("id")) {
      json.put("id", previous != null ? previous.json().get("id").asText() : St2Values.objectId());
    }
    json.put("ref", ref);
    json.put("uid", "action_alias:" + pack + ":" + name);
    if (!json.has("enabled")) {
      json.put("enabled", true);
    }
    if (!json.has("formats")) {
      json.set("formats", St2Values.NODES.arrayNode());
    }
    byRef.put(key(ref), new Stored(json, toMatcherAlias(json)));
    matcher = null;
    return new Change(json.deepCopy(), previous == null);
  }

  /** Removes the alias with this ref or id; empty when there is none. */
  synchronized Optional<ObjectNode> delete(String refOrId) {
    Optional<Stored> found = find(refOrId);
    found.ifPresent(
        s -> {
          byRef.remove(key(s.json().get("ref").asText()));
          matcher = null;
        });
    return found.map(s -> s.json().deepCopy());
  }

  /** Every alias in st2's default order (pack, name). */
  synchronized List<ObjectNode> all() {
    return byRef.values().stream().map(s -> s.json().deepCopy()).toList();
  }

  /** {@code GET /api/v1/actionalias/{ref_or_id}}. */
  synchronized Optional<ObjectNode> byRefOrId(String refOrId) {
    return find(refOrId).map(s -> s.json().deepCopy());
  }

  /**
   * st2's {@code ActionAlias.get_by_name}: the first alias with that name in any pack (contract
   * §4.1 calls the choice arbitrary when packs share a name; here it is the first pack by name).
   */
  synchronized Optional<ObjectNode> byName(String name) {
    return byRef.values().stream()
        .filter(s -> s.json().get("name").asText().equals(name))
        .findFirst()
        .map(s -> s.json().deepCopy());
  }

  /** The matcher's view of every alias, in st2's default order. */
  synchronized List<Alias> matcherAliases() {
    return byRef.values().stream().map(Stored::alias).toList();
  }

  /** The alias-matcher's reference matcher over the current aliases, rebuilt after a change. */
  synchronized LinearAliasMatcher matcher() {
    if (matcher == null) {
      matcher = new LinearAliasMatcher(matcherAliases());
    }
    return matcher;
  }

  /**
   * st2's {@code ActionAliasDB.get_format_strings}: every representation of object formats (a
   * string representation extends the list character by character, as Python's {@code list.extend}
   * does), and other formats as they are.
   */
  static List<JsonNode> formatStrings(JsonNode alias) {
    List<JsonNode> strings = new ArrayList<>();
    for (JsonNode format : alias.path("formats")) {
      JsonNode representation = format.path("representation");
      if (format.isObject() && St2Values.truthy(representation)) {
        if (representation.isTextual()) {
          representation
              .textValue()
              .codePoints()
              .forEach(c -> strings.add(St2Values.NODES.textNode(Character.toString(c))));
        } else {
          representation.forEach(strings::add);
        }
      } else {
        strings.add(format);
      }
    }
    return strings;
  }

  private Optional<Stored> find(String refOrId) {
    Stored byRefHit = byRef.get(key(refOrId));
    if (byRefHit != null) {
      return Optional.of(byRefHit);
    }
    return byRef.values().stream()
        .filter(s -> s.json().get("id").asText().equals(refOrId))
        .findFirst();
  }

  /** Reads the stored JSON through the alias-matcher's own catalog reader. */
  private static Alias toMatcherAlias(ObjectNode json) {
    ArrayNode array = St2Values.NODES.arrayNode().add(json);
    try {
      byte[] bytes = St2Values.JSON.writeValueAsBytes(array);
      return AliasCatalogReader.readApiJson(
              new ByteArrayInputStream(bytes), json.get("ref").asText())
          .get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pack names hold no dot, so a ref splits at its first one. */
  private static String key(String ref) {
    int dot = ref.indexOf('.');
    return dot < 0 ? ref : ref.substring(0, dot) + '\0' + ref.substring(dot + 1);
  }
}
