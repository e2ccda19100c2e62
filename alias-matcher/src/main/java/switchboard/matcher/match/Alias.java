package switchboard.matcher.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An st2 action alias (contract §3.1), reduced to what matching, help and replies need.
 *
 * @param ref {@code <pack>.<name>}; computed from pack and name when null
 * @param pack never null
 * @param name never null
 * @param description nullable, as in st2
 * @param enabled disabled aliases are skipped by matching and help
 * @param actionRef the aliased action; nullable here, required by st2
 * @param formats in alias order, never null
 * @param ack the {@code ack} object, deeply unmodifiable; empty (never null) when absent
 * @param result the {@code result} object, deeply unmodifiable; empty (never null) when absent
 * @param extra the {@code extra} object, deeply unmodifiable; empty (never null) when absent
 * @param secretParameters parameters of the action StackStorm marks {@code secret: true}; empty
 *     (never null) when unknown
 */
public record Alias(
    String ref,
    String pack,
    String name,
    String description,
    boolean enabled,
    String actionRef,
    List<AliasFormatSpec> formats,
    Map<String, Object> ack,
    Map<String, Object> result,
    Map<String, Object> extra,
    Set<String> secretParameters) {

  public Alias {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(name, "name");
    ref = ref == null ? pack + "." + name : ref;
    formats = formats == null ? List.of() : List.copyOf(formats);
    ack = frozen(ack);
    result = frozen(result);
    extra = frozen(extra);
    secretParameters = secretParameters == null ? Set.of() : Set.copyOf(secretParameters);
  }

  /** An enabled alias with the given formats and nothing else: handy for tests and fixtures. */
  public static Alias of(String pack, String name, AliasFormatSpec... formats) {
    return new Alias(null, pack, name, null, true, null, List.of(formats), null, null, null, null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> frozen(Map<String, ?> map) {
    return map == null ? Map.of() : (Map<String, Object>) frozenValue(map);
  }

  /** JSON values may hold nulls, which Map.copyOf and List.copyOf refuse. */
  private static Object frozenValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), frozenValue(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(frozenValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
