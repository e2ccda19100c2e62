package switchboard.testkit.connectors;

import java.util.Map;

/**
 * A config that must be refused because of one key.
 *
 * @param key the key the refusal must name
 * @param config the whole instance config, prefix stripped
 */
public record BadConfig(String key, Map<String, String> config) {
  public BadConfig {
    config = Map.copyOf(config);
  }
}
