package switchboard.connector.console;

import org.apache.kafka.common.config.ConfigDef;
import switchboard.connector.ChatConnector;
import switchboard.connector.ChatConnectorProvider;
import switchboard.connector.ConnectorContext;

/**
 * The console provider, id {@value #ID}: {@code connectors.<instance>.provider=console}. Registered
 * in {@code META-INF/services/switchboard.connector.ChatConnectorProvider}.
 */
public final class ConsoleConnectorProvider implements ChatConnectorProvider {

  public static final String ID = "console";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ConfigDef configDef() {
    return ConsoleConfig.CONFIG_DEF;
  }

  @Override
  public ChatConnector create(ConnectorContext context) {
    return new ConsoleConnector(
        context.instance(),
        new ConsoleConfig(context.config()).settings(),
        context.sink(),
        context.clock());
  }
}
