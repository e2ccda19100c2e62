package switchboard.connector.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigValue;
import switchboard.connector.ChatConnectorProvider;

/**
 * Which connector instances to run, read from the {@code connectors.<instance>.*} keys of a
 * component's configuration and checked against the providers on the class path (style.md §4, §5):
 *
 * <pre>
 * connectors.ops-slack.provider=slack
 * connectors.ops-slack.app.token=...
 * connectors.local.provider=console
 * </pre>
 *
 * <p>Only the instances named in config run, in the order their first key appears in the map given.
 * Each instance's keys, prefix stripped and without {@code provider}, are validated against its
 * provider's {@code ConfigDef}; every problem of every instance is reported at once.
 *
 * @param instances the instances to start, in order; never empty
 */
public record ConnectorPlan(List<Instance> instances) {

  /** Prefix of every connector key. */
  public static final String CONNECTORS_PREFIX = "connectors.";

  /**
   * Per-instance key naming the id of the chat provider that serves the instance, e.g. {@code
   * connectors.ops-slack.provider=slack}; required.
   */
  public static final String PROVIDER_CONFIG = "provider";

  /**
   * Instance names become part of conversation keys ({@code instance/workspace/channel}) and
   * dead-letter components, so they hold no '/' and no '.'.
   */
  private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  public ConnectorPlan {
    instances = List.copyOf(instances);
  }

  /**
   * One instance to start.
   *
   * @param name the {@code <instance>} of its keys
   * @param provider the provider that creates it
   * @param config its keys with {@code connectors.<instance>.} stripped, without {@code provider};
   *     valid for {@code provider.configDef()}
   */
  public record Instance(String name, ChatConnectorProvider provider, Map<String, String> config) {
    public Instance {
      config = Map.copyOf(config);
    }

    /** The full key of one of this instance's settings, as the user wrote it. */
    public String key(String setting) {
      return CONNECTORS_PREFIX + name + "." + setting;
    }
  }

  /**
   * Reads and validates the plan. Keys outside {@code connectors.} are ignored, so a component can
   * pass its whole configuration.
   *
   * @throws ConnectorConfigException listing every problem, each with its full key
   */
  public static ConnectorPlan of(Map<String, String> config, ProviderCatalog catalog) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, String>> blocks = new LinkedHashMap<>();
    config.forEach(
        (key, value) -> {
          if (!key.startsWith(CONNECTORS_PREFIX)) {
            return;
          }
          String rest = key.substring(CONNECTORS_PREFIX.length());
          int dot = rest.indexOf('.');
          if (dot < 0) {
            problems.add(key + ": expected connectors.<instance>.<setting>");
            return;
          }
          blocks
              .computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>())
              .put(rest.substring(dot + 1), value);
        });

    List<Instance> instances = new ArrayList<>();
    blocks.forEach(
        (name, block) -> instanceOf(name, block, catalog, problems).ifPresent(instances::add));
    if (blocks.isEmpty() && problems.isEmpty()) {
      problems.add(
          CONNECTORS_PREFIX
              + "<instance>."
              + PROVIDER_CONFIG
              + ": no connector configured; available providers: "
              + catalog.ids());
    }
    if (!problems.isEmpty()) {
      throw new ConnectorConfigException(problems);
    }
    return new ConnectorPlan(instances);
  }

  private static Optional<Instance> instanceOf(
      String name, Map<String, String> block, ProviderCatalog catalog, List<String> problems) {
    String providerKey = CONNECTORS_PREFIX + name + "." + PROVIDER_CONFIG;
    if (!INSTANCE_NAME.matcher(name).matches()) {
      problems.add(
          providerKey
              + ": instance name '"
              + name
              + "' must start with a letter or digit and hold only letters, digits, '-' and '_'");
      return Optional.empty();
    }
    String providerId = block.get(PROVIDER_CONFIG);
    if (providerId == null || providerId.isBlank()) {
      problems.add(
          providerKey + ": missing; set it to one of the available providers " + catalog.ids());
      return Optional.empty();
    }
    Optional<ChatConnectorProvider> provider = catalog.find(providerId.trim());
    if (provider.isEmpty()) {
      problems.add(
          providerKey
              + ": no provider '"
              + providerId
              + "' on the class path; available providers: "
              + catalog.ids());
      return Optional.empty();
    }
    Map<String, String> settings = new LinkedHashMap<>(block);
    settings.remove(PROVIDER_CONFIG);
    Instance instance = new Instance(name, provider.get(), settings);
    for (ConfigValue value : provider.get().configDef().validateAll(settings).values()) {
      // The first error says it; ConfigDef adds "Invalid value null ... must be non-null" after
      // a value that does not parse, which only confuses.
      value.errorMessages().stream()
          .findFirst()
          .ifPresent(error -> problems.add(instance.key(value.name()) + ": " + error));
    }
    return Optional.of(instance);
  }
}
