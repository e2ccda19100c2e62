package switchboard.testkit.connectors;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import switchboard.connector.InboundMessage;
import switchboard.connector.InboundSink;

/** An {@link InboundSink} that keeps what it is given, for connector tests. Thread-safe. */
public final class CapturingSink implements InboundSink {

  /** How long the await methods wait; generous for slow build machines. */
  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final List<InboundMessage> messages = new CopyOnWriteArrayList<>();
  private final List<Rejection> rejections = new CopyOnWriteArrayList<>();

  /** A payload the connector rejected. */
  public record Rejection(byte[] payload, String reason) {}

  @Override
  public void accept(InboundMessage message) {
    messages.add(message);
  }

  @Override
  public void reject(byte[] payload, String reason) {
    rejections.add(new Rejection(payload, reason));
  }

  /** Everything accepted so far, in order. */
  public List<InboundMessage> messages() {
    return List.copyOf(messages);
  }

  /** Everything rejected so far, in order. */
  public List<Rejection> rejections() {
    return List.copyOf(rejections);
  }

  /** The first accepted message matching {@code condition}, waiting for it. */
  public InboundMessage awaitMessage(Predicate<InboundMessage> condition) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> messages.stream().filter(condition).findFirst(), m -> m.isPresent())
        .orElseThrow();
  }

  /** The first accepted message whose text contains {@code text}, waiting for it. */
  public InboundMessage awaitMessageContaining(String text) {
    return awaitMessage(m -> m.text().contains(text));
  }

  /** The first rejection, waiting for it. */
  public Rejection awaitRejection() {
    return await()
        .atMost(TIMEOUT)
        .until(() -> rejections.stream().findFirst(), r -> r.isPresent())
        .orElseThrow();
  }
}
