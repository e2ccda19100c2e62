package switchboard.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import switchboard.schemas.ReasonCode;

/**
 * The notifier's meters. Tags stay low-cardinality: the connector instance (bounded by config) and
 * a fixed reason word, never a channel or reply id.
 */
public final class NotifierMetrics {

  static final String DELIVERED = "switchboard.notifier.delivered";
  static final String RETRIED = "switchboard.notifier.retried";
  static final String DEAD_LETTERED = "switchboard.notifier.deadlettered";
  static final String LATENCY = "switchboard.notifier.delivery.latency";
  static final String UNSETTLED = "switchboard.notifier.unsettled";

  /** Retry reason: the provider asked to wait (HTTP 429 with Retry-After). */
  static final String RATE_LIMITED = "rate_limited";

  /** Retry reason: timeout, 5xx, dropped connection. */
  static final String TRANSIENT = "transient";

  /** Connector tag of records that name no running connector instance. */
  static final String NO_CONNECTOR = "none";

  private final MeterRegistry registry;

  public NotifierMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Publishes the count of replies read but not yet delivered or dead-lettered. */
  void watchUnsettled(AtomicInteger unsettled) {
    Gauge.builder(UNSETTLED, unsettled, AtomicInteger::get)
        .description("Replies read but not yet delivered or dead-lettered")
        .register(registry);
  }

  /** A reply was posted, {@code latency} after it was handed to delivery. */
  void delivered(String connector, Duration latency) {
    Counter.builder(DELIVERED)
        .description("Replies posted to chat")
        .tag("connector", connector)
        .register(registry)
        .increment();
    Timer.builder(LATENCY)
        .description("From hand-over to delivery until the provider accepted the reply")
        .tag("connector", connector)
        .register(registry)
        .record(latency);
  }

  /** One more attempt was scheduled for a reply. */
  void retried(String connector, String reason) {
    Counter.builder(RETRIED)
        .description("Delivery attempts repeated after a rate limit or a transient failure")
        .tag("connector", connector)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** A record went to the dead-letter topic. */
  void deadLettered(String connector, ReasonCode reason) {
    Counter.builder(DEAD_LETTERED)
        .description("Replies that could not be read or delivered, sent to chatops.deadletter")
        .tag("connector", connector)
        .tag("reason", reason.name())
        .register(registry)
        .increment();
  }
}
