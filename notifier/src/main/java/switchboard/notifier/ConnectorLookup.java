package switchboard.notifier;

import java.util.Optional;
import switchboard.connector.ChatConnector;

/**
 * Finds the running connector instance a reply's conversation names ({@code
 * conversation.connector}, the {@code connectors.<instance>.*} block of the config). The launcher
 * passes the connector runtime's instances, so the notifier never loads providers itself.
 */
@FunctionalInterface
public interface ConnectorLookup {

  /**
   * The instance called {@code instance}, or empty when none runs here (the reply is then
   * dead-lettered as {@code UNKNOWN_CONNECTOR}). Called from the notifier's poll thread.
   */
  Optional<ChatConnector> find(String instance);
}
