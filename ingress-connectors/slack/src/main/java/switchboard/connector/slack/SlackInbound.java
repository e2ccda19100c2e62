package switchboard.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.InboundSink;

/**
 * Where both ingress paths (Socket Mode, Events API) hand their payloads: maps them, drops the
 * repeats, and passes the rest to the sink or, when unreadable, to the dead letters.
 *
 * <p>Slack delivers at least once, and more than once on purpose: retries over HTTP, redeliveries
 * over Socket Mode, and the same message as both {@code message} and {@code app_mention}. All of
 * them map to one event id ({@link SlackEventMapper}), and the last {@value #REMEMBERED_EVENTS} ids
 * seen are remembered so a repeat is not published again. Across instances or restarts the request
 * id derived from the event id still keeps a command from running twice (architecture.md).
 * Thread-safe.
 */
final class SlackInbound {

  static final int REMEMBERED_EVENTS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SlackInbound.class);

  private final SlackEventMapper mapper;
  private final InboundSink sink;
  private final Clock clock;
  private final Map<String, Boolean> recent =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_EVENTS;
        }
      };

  SlackInbound(SlackEventMapper mapper, InboundSink sink, Clock clock) {
    this.mapper = mapper;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Handles one payload.
   *
   * @param raw the bytes as received, for a dead letter
   * @param payload the parsed payload, or null when the bytes were not JSON
   */
  void accept(byte[] raw, JsonNode payload) {
    if (payload == null) {
      sink.reject(raw, "not a JSON Slack payload");
      return;
    }
    SlackMapping mapping = mapper.map(payload, clock.instant());
    if (mapping instanceof SlackMapping.Mapped mapped) {
      if (firstTime(mapped.message().eventId())) {
        sink.accept(mapped.message());
      } else {
        LOG.debug("dropped a repeat of Slack event {}", mapped.message().eventId());
      }
    } else if (mapping instanceof SlackMapping.Unreadable unreadable) {
      sink.reject(raw, unreadable.reason());
    } else {
      LOG.debug("ignored a Slack payload: {}", ((SlackMapping.Ignored) mapping).reason());
    }
  }

  /** True when this event id was not seen recently; remembers it. */
  boolean firstTime(String eventId) {
    synchronized (recent) {
      return recent.put(eventId, Boolean.TRUE) == null;
    }
  }
}
