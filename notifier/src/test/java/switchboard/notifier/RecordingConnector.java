package switchboard.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import switchboard.connector.Capabilities;
import switchboard.connector.ChatConnector;
import switchboard.connector.DeliveryResult;
import switchboard.connector.OutboundReply;

/**
 * A fake connector that records every delivery attempt and answers as scripted per reply id
 * (Delivered when nothing is scripted). Thread-safe.
 */
final class RecordingConnector implements ChatConnector {

  /** One call of {@link #deliver}, at the time the fake's clock read. */
  record Attempt(Instant at, OutboundReply reply) {}

  private final Capabilities capabilities;
  private final Supplier<Instant> clock;
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<OutboundReply> delivered = new ArrayList<>();
  private final Map<String, Deque<DeliveryResult>> scripts = new HashMap<>();
  private final Map<String, RuntimeException> throwOnce = new HashMap<>();
  private final Map<String, CountDownLatch> gates = new HashMap<>();

  RecordingConnector(Duration minInterval, Supplier<Instant> clock) {
    this.capabilities = new Capabilities(true, true, true, false, false, 4000, minInterval);
    this.clock = clock;
  }

  /** The next attempts at {@code replyId} answer these, in order; later ones succeed. */
  synchronized RecordingConnector answer(String replyId, DeliveryResult... results) {
    scripts.computeIfAbsent(replyId, id -> new ArrayDeque<>()).addAll(List.of(results));
    return this;
  }

  /** The next attempt at {@code replyId} throws, as a buggy connector would. */
  synchronized RecordingConnector throwOnce(String replyId, RuntimeException error) {
    throwOnce.put(replyId, error);
    return this;
  }

  /** Attempts in {@code channel} wait until {@code gate} opens, like a hanging provider call. */
  synchronized RecordingConnector holdChannel(String channel, CountDownLatch gate) {
    gates.put(channel, gate);
    return this;
  }

  @Override
  public void start() {}

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public DeliveryResult deliver(OutboundReply reply) {
    CountDownLatch gate;
    synchronized (this) {
      gate = gates.get(reply.channel());
    }
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new DeliveryResult.TransientFailure("interrupted");
      }
    }
    synchronized (this) {
      attempts.add(new Attempt(clock.get(), reply));
      RuntimeException error = throwOnce.remove(reply.replyId());
      if (error != null) {
        throw error;
      }
      Deque<DeliveryResult> script = scripts.get(reply.replyId());
      DeliveryResult result =
          script == null || script.isEmpty()
              ? new DeliveryResult.Delivered(List.of("msg-" + reply.replyId()))
              : script.poll();
      if (result instanceof DeliveryResult.Delivered) {
        delivered.add(reply);
      }
      return result;
    }
  }

  synchronized List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  synchronized List<OutboundReply> delivered() {
    return List.copyOf(delivered);
  }

  /** Reply ids delivered in {@code channel}, in delivery order. */
  synchronized List<String> deliveredIds(String channel) {
    return delivered.stream()
        .filter(r -> r.channel().equals(channel))
        .map(OutboundReply::replyId)
        .toList();
  }

  @Override
  public void close() {}
}
