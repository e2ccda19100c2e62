package switchboard.connector;

import org.apache.kafka.common.config.ConfigDef;

/**
 * A chat provider's entry point, found with {@link java.util.ServiceLoader}: register the
 * implementation in {@code META-INF/services/switchboard.connector.ChatConnectorProvider}. One
 * provider serves any number of named instances (several workspaces, several bots).
 */
public interface ChatConnectorProvider {

  /** Provider id, the same string in config, conversation keys, module and package: "slack". */
  String id();

  /** Every config key of one instance, with type, default, validator and doc. */
  ConfigDef configDef();

  /**
   * Creates one instance. Called once per configured instance, before {@link ChatConnector#start}.
   *
   * @param context the instance name, its config (prefix stripped, validated against {@link
   *     #configDef()}) and the sink inbound messages go to
   */
  ChatConnector create(ConnectorContext context);
}
