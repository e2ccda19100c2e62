package switchboard.connector.runtime;

import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code connectors.*} configuration cannot be run. Lists every problem at once, each naming
 * its full key, so one start-up attempt shows all there is to fix (style.md §4).
 */
public final class ConnectorConfigException extends ConfigException {

  private final List<String> problems;

  public ConnectorConfigException(List<String> problems) {
    super(
        "invalid connector configuration ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  "
            + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with the full key it concerns; never empty. */
  public List<String> problems() {
    return problems;
  }
}
