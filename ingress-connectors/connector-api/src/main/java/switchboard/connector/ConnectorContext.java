package switchboard.connector;

import java.time.Clock;
import java.util.Map;

/**
 * What the runtime hands a connector instance.
 *
 * @param instance the instance name ({@code connectors.<instance>.*}), never null
 * @param config the instance's config with the prefix stripped, never null
 * @param sink where inbound messages go; thread-safe
 * @param clock the clock to stamp received times with
 */
public record ConnectorContext(
    String instance, Map<String, String> config, InboundSink sink, Clock clock) {
  public ConnectorContext {
    config = Map.copyOf(config);
  }
}
