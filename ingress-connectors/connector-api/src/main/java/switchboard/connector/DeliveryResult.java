package switchboard.connector;

import java.time.Duration;
import java.util.List;

/** What happened to one reply. Provider errors are outcomes, not exceptions. */
public sealed interface DeliveryResult {

  /** Posted; {@code messageIds} are the provider ids of the messages it became, in order. */
  record Delivered(List<String> messageIds) implements DeliveryResult {
    public Delivered {
      messageIds = List.copyOf(messageIds);
    }
  }

  /** The provider asked to wait (HTTP 429 Retry-After); try the same reply again after. */
  record RetryAfter(Duration delay, String reason) implements DeliveryResult {}

  /** A transient failure (timeout, 5xx, dropped connection); retry with backoff. */
  record TransientFailure(String reason) implements DeliveryResult {}

  /** The provider refused it for good (channel gone, not allowed); dead-letter it. */
  record PermanentFailure(String reason) implements DeliveryResult {}
}
