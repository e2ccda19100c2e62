package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import switchboard.matcher.catalog.AliasCatalogReader;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.LinearAliasMatcher;

/**
 * The double's action aliases, kept in the shape {@code GET /api/v1/actionalias} answers
 * (ActionAliasAPI, contract §3.1), indexed for the lookups requests make. Thread-safe: every method
 * holds the store's lock, the nodes it hands out are copies, and the {@link AliasFormats} are
 * themselves thread-safe.
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

  /**
   * One version of an alias as st2 keeps it, with the matcher's view of it and its formats, which
   * compile on first use.
   */
  private record Stored(ObjectNode json, Alias alias, AliasFormats formats) {}

  /** Keyed by pack NUL name, so iteration order is st2's default sort: pack, then name. */
  private final Map<String, Stored> byRef = new TreeMap<>();

  // Lookups that would otherwise scan every alias on every request; kept in step with byRef.
  private final KeysBy byId = new KeysBy("id");
  private final KeysBy byName = new KeysBy("name");
  private final KeysBy byActionRef = new KeysBy("action_ref");

  private LinearAliasMatcher matcher;

  /** The result of {@link #put}: the alias as stored, and whether it was new. */
  record Change(ObjectNode alias, boolean created) {}

  /**
   * An alias found for execution.
   *
   * @param alias a copy of its JSON
   * @param formats its format strings, compiled once for this version of the alias
   */
  record Found(ObjectNode alias, AliasFormats formats) {}

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
    String key = key(ref);
    Stored previous = byRef.get(key);
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
    Stored stored = new Stored(json, toMatcherAlias(json), new AliasFormats(json));
    if (previous != null) {
      unindex(key, previous);
    }
    byRef.put(key, stored);
    index(key, stored);
    matcher = null;
    return new Change(json.deepCopy(), previous == null);
  }

  /** Removes the alias with this ref or id; empty when there is none. */
  synchronized Optional<ObjectNode> delete(String refOrId) {
    Optional<String> key = find(refOrId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Stored removed = byRef.remove(key.get());
    unindex(key.get(), removed);
    matcher = null;
    return Optional.of(removed.json().deepCopy());
  }

  /** Every alias in st2's default order (pack, name). */
  synchronized List<ObjectNode> all() {
    return byRef.values().stream().map(s -> s.json().deepCopy()).toList();
  }

  /** {@code GET /api/v1/actionalias/{ref_or_id}}. */
  synchronized Optional<ObjectNode> byRefOrId(String refOrId) {
    return find(refOrId).map(key -> byRef.get(key).json().deepCopy());
  }

  /**
   * st2's {@code ActionAlias.get_by_name}: the first alias with that name in any pack (contract
   * §4.1 calls the choice arbitrary when packs share a name; here it is the first pack by name).
   */
  synchronized Optional<Found> byName(String name) {
    return byName.first(name).map(byRef::get).map(s -> new Found(s.json().deepCopy(), s.formats()));
  }

  /** Whether some alias, enabled or not, names this action (such actions exist implicitly). */
  /** The action refs aliases name, each once, without copying any alias. */
  synchronized Set<String> actionRefs() {
    return byActionRef.values();
  }

  synchronized boolean aliasesAction(String actionRef) {
    return byActionRef.first(actionRef).isPresent();
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

  /** The key of the alias with this ref or, failing that, this id (first by pack and name). */
  private Optional<String> find(String refOrId) {
    String key = key(refOrId);
    return byRef.containsKey(key) ? Optional.of(key) : byId.first(refOrId);
  }

  private void index(String key, Stored stored) {
    for (KeysBy keys : List.of(byId, byName, byActionRef)) {
      keys.add(stored.json(), key);
    }
  }

  private void unindex(String key, Stored stored) {
    for (KeysBy keys : List.of(byId, byName, byActionRef)) {
      keys.remove(stored.json(), key);
    }
  }

  /**
   * Store keys by the text of one alias field. Values may repeat (a name in several packs, an id
   * given twice), so each holds a sorted set whose first key is the first alias in st2's order, as
   * a scan of the store would find it. Guarded by the store's lock.
   */
  private static final class KeysBy {
    private final String field;
    private final Map<String, NavigableSet<String>> keys = new HashMap<>();

    KeysBy(String field) {
      this.field = field;
    }

    void add(ObjectNode json, String key) {
      keys.computeIfAbsent(json.get(field).asText(), v -> new TreeSet<>()).add(key);
    }

    void remove(ObjectNode json, String key) {
      String value = json.get(field).asText();
      NavigableSet<String> withValue = keys.get(value);
      withValue.remove(key);
      if (withValue.isEmpty()) {
        keys.remove(value);
      }
    }

    Set<String> values() {
      return Set.copyOf(keys.keySet());
    }

    Optional<String> first(String value) {
      NavigableSet<String> withValue = keys.get(value);
      return withValue == null ? Optional.empty() : Optional.of(withValue.first());
    }
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
