package switchboard.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The start-up check every component's config shares: all problems reported at once, each naming
 * its key, and the one Kafka setting no component can run without.
 */
public final class ComponentConfigs {

  /** Kafka client settings pass through under this prefix, stripped. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String BOOTSTRAP_SERVERS_KEY = KAFKA_PREFIX + "bootstrap.servers";

  private ComponentConfigs() {}

  /** Every problem of {@code originals} against {@code definition}; empty when it is valid. */
  public static List<String> problems(ConfigDef definition, Map<String, String> originals) {
    List<String> problems = new ArrayList<>();
    for (ConfigValue value : definition.validateAll(originals).values()) {
      problems.addAll(value.errorMessages());
    }
    String bootstrap = originals.get(BOOTSTRAP_SERVERS_KEY);
    if (bootstrap == null || bootstrap.isBlank()) {
      problems.add("Missing required configuration \"" + BOOTSTRAP_SERVERS_KEY + "\"");
    }
    return problems;
  }
}
