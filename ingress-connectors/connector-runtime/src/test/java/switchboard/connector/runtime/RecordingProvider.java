package switchboard.connector.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import switchboard.connector.Capabilities;
import switchboard.connector.ChatConnector;
import switchboard.connector.ChatConnectorProvider;
import switchboard.connector.ConnectorContext;
import switchboard.connector.DeliveryResult;
import switchboard.connector.OutboundReply;

/** A provider whose connectors write their lifecycle to a shared journal. */
final class RecordingProvider implements ChatConnectorProvider {

  private final String id;
  private final List<String> journal;
  private final List<ConnectorContext> contexts = new CopyOnWriteArrayList<>();

  RecordingProvider(String id, List<String> journal) {
    this.id = id;
    this.journal = journal;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ConfigDef configDef() {
    return new ConfigDef()
        .define("token", Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "API token")
        .define("retries", Type.INT, 3, ConfigDef.Range.between(0, 10), Importance.LOW, "Retries")
        .define("fail.on.start", Type.BOOLEAN, false, Importance.LOW, "Fail start() for tests");
  }

  /** The contexts this provider created connectors with, in order. */
  List<ConnectorContext> contexts() {
    return contexts;
  }

  @Override
  public ChatConnector create(ConnectorContext context) {
    contexts.add(context);
    journal.add("create " + context.instance());
    boolean failOnStart = Boolean.parseBoolean(context.config().get("fail.on.start"));
    return new ChatConnector() {
      @Override
      public void start() {
        if (failOnStart) {
          throw new IllegalStateException("cannot reach the provider");
        }
        journal.add("start " + context.instance());
      }

      @Override
      public Capabilities capabilities() {
        return new Capabilities(false, false, false, false, false, 1000, Duration.ZERO);
      }

      @Override
      public DeliveryResult deliver(OutboundReply reply) {
        return new DeliveryResult.Delivered(List.of());
      }

      @Override
      public void close() {
        journal.add("close " + context.instance());
      }
    };
  }
}
