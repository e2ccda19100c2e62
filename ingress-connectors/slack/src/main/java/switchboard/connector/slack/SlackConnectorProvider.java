package switchboard.connector.slack;

import org.apache.kafka.common.config.ConfigDef;
import switchboard.connector.ChatConnector;
import switchboard.connector.ChatConnectorProvider;
import switchboard.connector.ConnectorContext;

/**
 * The Slack provider, id {@value #ID}: {@code connectors.<instance>.provider=slack}, with the keys
 * of {@link SlackConnectorConfig}. Registered in {@code
 * META-INF/services/switchboard.connector.ChatConnectorProvider}.
 */
public final class SlackConnectorProvider implements ChatConnectorProvider {

  public static final String ID = "slack";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ConfigDef configDef() {
    return SlackConnectorConfig.CONFIG_DEF;
  }

  /**
   * @throws org.apache.kafka.common.config.ConfigException naming the key, when the config is not
   *     usable (e.g. mode=socket without app.token)
   */
  @Override
  public ChatConnector create(ConnectorContext context) {
    SlackConnectorConfig config = new SlackConnectorConfig(context.config());
    return new SlackConnector(
        context.instance(),
        config.settings(),
        config.credentials(),
        context.sink(),
        context.clock());
  }
}
