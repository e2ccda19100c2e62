package switchboard.connector.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import switchboard.connector.ConnectorContext;
import switchboard.connector.InboundSink;
import switchboard.testkit.slack.LocalSlack;
import switchboard.testkit.slack.SlackSamples;

/** Creates connectors wired to a {@link LocalSlack}, and sample events with fresh ids. */
final class SlackTestConnectors {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private SlackTestConnectors() {}

  /** Socket Mode settings for the local Slack, plus {@code extra}. */
  static Map<String, String> socketConfig(LocalSlack slack, String... extra) {
    Map<String, String> config = new HashMap<>();
    config.put(SlackConnectorConfig.BOT_TOKEN_CONFIG, slack.botToken());
    config.put(SlackConnectorConfig.APP_TOKEN_CONFIG, slack.appToken());
    config.put(SlackConnectorConfig.API_URL_CONFIG, slack.apiUrl());
    for (int i = 0; i < extra.length; i += 2) {
      config.put(extra[i], extra[i + 1]);
    }
    return config;
  }

  /** A connector instance, not started. */
  static SlackConnector create(String instance, Map<String, String> config, InboundSink sink) {
    return (SlackConnector)
        new SlackConnectorProvider()
            .create(new ConnectorContext(instance, config, sink, Clock.systemUTC()));
  }

  /** The recorded sample with this text and a fresh ts and event_id. */
  static ObjectNode event(String sample, String text) {
    int n = SEQUENCE.incrementAndGet();
    ObjectNode payload = SlackSamples.tree(sample);
    payload.put("event_id", "Ev0TEST" + n);
    ObjectNode event = (ObjectNode) payload.get("event");
    String ts = String.format(Locale.ROOT, "1720000000.%06d", n);
    event.put("text", text);
    event.put("ts", ts);
    event.put("event_ts", ts);
    return payload;
  }
}
