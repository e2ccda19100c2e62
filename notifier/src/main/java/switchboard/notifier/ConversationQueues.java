package switchboard.notifier;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.DeliveryResult;
import switchboard.schemas.ReasonCode;

/**
 * Posts replies to chat with one ordered queue per conversation. Conversations are independent:
 * each runs on the shared pool of its {@link DeliveryScheduler}, so a slow or rate-limited one
 * never holds up another. Within a conversation exactly one reply is attempted at a time, and a
 * reply that must wait (pacing, Retry-After, backoff) keeps the ones behind it waiting too, because
 * chat readers follow the order of what they see.
 *
 * <p>Every submission is settled exactly once through its callback: delivered, duplicate or
 * undeliverable. Nothing is dropped silently. Thread-safe; callbacks run on pool threads or, for a
 * duplicate of an already settled reply, on the submitting thread.
 */
public final class ConversationQueues {

  private static final Logger LOG = LoggerFactory.getLogger(ConversationQueues.class);

  private final DeliverySettings settings;
  private final IntervalFunction backoff;
  private final DeliveryScheduler scheduler;
  private final NotifierMetrics metrics;

  private final Object lock = new Object();
  private final Map<String, Lane> lanes = new HashMap<>();
  private final Map<String, Pending> unsettled = new HashMap<>();
  private final Map<String, Boolean> settled;

  public ConversationQueues(
      DeliverySettings settings, DeliveryScheduler scheduler, NotifierMetrics metrics) {
    this.settings = settings;
    this.backoff = settings.backoff();
    this.scheduler = scheduler;
    this.metrics = metrics;
    int capacity = settings.dedupCapacity();
    this.settled =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Queues a reply behind the others of its conversation. A reply id that is already settled
   * settles at once as {@link Settlement.Duplicate}; one that is still queued settles as a
   * duplicate when the first copy settles, so a record redelivered after a rebalance is never
   * posted twice and its offset is not committed before the first copy's outcome is known.
   */
  public void submit(Delivery delivery, Consumer<Settlement> onSettled) {
    String replyId = delivery.reply().replyId();
    synchronized (lock) {
      Pending first = unsettled.get(replyId);
      if (first != null) {
        first.duplicates.add(onSettled);
        return;
      }
      if (!settled.containsKey(replyId)) {
        Pending pending = new Pending(delivery, onSettled, scheduler.now());
        unsettled.put(replyId, pending);
        Lane lane = lanes.computeIfAbsent(delivery.conversation(), Lane::new);
        lane.queue.add(pending);
        if (!lane.busy) {
          lane.busy = true;
          attemptAt(lane, lane.nextPostAt);
        }
        return;
      }
    }
    tell(onSettled, new Settlement.Duplicate(replyId));
  }

  /** Attempts the head of the lane once and decides what comes next. Runs on a pool thread. */
  private void attempt(Lane lane) {
    Pending head;
    synchronized (lock) {
      head = lane.queue.peek();
    }
    if (head.firstAttempt == null) {
      head.firstAttempt = scheduler.now();
    }
    DeliveryResult result = deliver(head.delivery);
    Instant finished = scheduler.now();
    Step step = next(head, result, finished);

    List<Consumer<Settlement>> toTell = List.of();
    synchronized (lock) {
      lane.nextPostAt = finished.plus(minInterval(head.delivery));
      if (step.settlement == null) {
        attemptAt(lane, later(step.retryAt, lane.nextPostAt));
      } else {
        lane.queue.poll();
        String replyId = head.delivery.reply().replyId();
        unsettled.remove(replyId);
        settled.put(replyId, Boolean.TRUE);
        toTell = head.callbacks();
        if (lane.queue.isEmpty()) {
          lane.busy = false;
          retireAt(lane, lane.nextPostAt);
        } else {
          attemptAt(lane, lane.nextPostAt);
        }
      }
    }
    if (step.settlement != null) {
      String replyId = head.delivery.reply().replyId();
      for (int i = 0; i < toTell.size(); i++) {
        tell(toTell.get(i), i == 0 ? step.settlement : new Settlement.Duplicate(replyId));
      }
    }
  }

  /** The rules of §7 of style.md for one attempt's outcome: settle it, or retry it at a time. */
  private Step next(Pending head, DeliveryResult result, Instant now) {
    String connector = head.delivery.connector();
    Instant deadline = head.firstAttempt.plus(settings.deadline());
    if (result instanceof DeliveryResult.Delivered delivered) {
      metrics.delivered(connector, Duration.between(head.submittedAt, now));
      return Step.settle(new Settlement.Delivered(delivered.messageIds()));
    }
    if (result instanceof DeliveryResult.RetryAfter retryAfter) {
      // The provider said when to come back (HTTP 429 Retry-After): wait exactly that, and do not
      // count it as a failure; only the deadline bounds how long a rate limit may hold a reply.
      Instant at = now.plus(nonNegative(retryAfter.delay()));
      if (at.isAfter(deadline)) {
        return Step.settle(
            undeliverable("still rate limited at the retry deadline: " + retryAfter.reason()));
      }
      metrics.retried(connector, NotifierMetrics.RATE_LIMITED);
      LOG.debug(
          "reply {} rate limited by {}, retrying in {}: {}",
          head.delivery.reply().replyId(),
          connector,
          retryAfter.delay(),
          retryAfter.reason());
      return Step.retry(at);
    }
    if (result instanceof DeliveryResult.TransientFailure failure) {
      head.transientFailures++;
      if (head.transientFailures >= settings.maxAttempts()) {
        return Step.settle(
            undeliverable(
                "gave up after " + head.transientFailures + " attempts: " + failure.reason()));
      }
      Instant at = now.plusMillis(backoff.apply(head.transientFailures));
      if (at.isAfter(deadline)) {
        return Step.settle(
            undeliverable(
                "retry deadline of "
                    + settings.deadline()
                    + " passed after "
                    + head.transientFailures
                    + " attempts: "
                    + failure.reason()));
      }
      metrics.retried(connector, NotifierMetrics.TRANSIENT);
      LOG.debug(
          "reply {} failed on {} (attempt {}), retrying at {}: {}",
          head.delivery.reply().replyId(),
          connector,
          head.transientFailures,
          at,
          failure.reason());
      return Step.retry(at);
    }
    DeliveryResult.PermanentFailure refused = (DeliveryResult.PermanentFailure) result;
    return Step.settle(undeliverable("refused by the provider: " + refused.reason()));
  }

  private static Settlement undeliverable(String message) {
    return new Settlement.Undeliverable(ReasonCode.DELIVERY_FAILED, message);
  }

  /**
   * The SPI says provider errors are outcomes, not exceptions; a connector that throws anyway has a
   * bug, which is treated as transient so the reply is retried and then dead-lettered, not lost.
   */
  private static DeliveryResult deliver(Delivery delivery) {
    try {
      DeliveryResult result = delivery.target().deliver(delivery.reply());
      if (result == null) {
        return new DeliveryResult.TransientFailure("connector returned no result");
      }
      return result;
    } catch (RuntimeException e) {
      return new DeliveryResult.TransientFailure("connector threw " + e);
    }
  }

  private static Duration minInterval(Delivery delivery) {
    try {
      Duration interval = delivery.target().capabilities().minInterval();
      return interval == null ? Duration.ZERO : nonNegative(interval);
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }

  private void attemptAt(Lane lane, Instant at) {
    scheduler.schedule(() -> attempt(lane), delayUntil(at));
  }

  /**
   * Forgets an idle lane once its pacing window has passed, so memory follows the conversations
   * that are active, and a reply arriving within the window is still paced.
   */
  private void retireAt(Lane lane, Instant at) {
    Duration delay = delayUntil(at);
    if (delay.isZero()) {
      lanes.remove(lane.conversation, lane);
      return;
    }
    scheduler.schedule(
        () -> {
          synchronized (lock) {
            if (!lane.busy) {
              lanes.remove(lane.conversation, lane);
            }
          }
        },
        delay);
  }

  private Duration delayUntil(Instant at) {
    Duration delay = Duration.between(scheduler.now(), at);
    return delay.isNegative() ? Duration.ZERO : delay;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  private static void tell(Consumer<Settlement> callback, Settlement settlement) {
    try {
      callback.accept(settlement);
    } catch (RuntimeException e) {
      LOG.error("settlement callback failed for {}", settlement, e);
    }
  }

  /** One conversation's queue; guarded by {@code lock}. */
  private static final class Lane {
    final String conversation;
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    boolean busy;
    Instant nextPostAt = Instant.MIN;

    Lane(String conversation) {
      this.conversation = conversation;
    }
  }

  /** A submitted reply; attempt fields are touched only by its lane's one running attempt. */
  private static final class Pending {
    final Delivery delivery;
    final Consumer<Settlement> onSettled;
    final Instant submittedAt;
    final List<Consumer<Settlement>> duplicates = new ArrayList<>();
    Instant firstAttempt;
    int transientFailures;

    Pending(Delivery delivery, Consumer<Settlement> onSettled, Instant submittedAt) {
      this.delivery = delivery;
      this.onSettled = onSettled;
      this.submittedAt = submittedAt;
    }

    /** The first submission's callback, then those of its duplicates; call under the lock. */
    List<Consumer<Settlement>> callbacks() {
      List<Consumer<Settlement>> all = new ArrayList<>(duplicates.size() + 1);
      all.add(onSettled);
      all.addAll(duplicates);
      return all;
    }
  }

  /** Either a settlement or the time of the next attempt. */
  private record Step(Settlement settlement, Instant retryAt) {
    static Step settle(Settlement settlement) {
      return new Step(settlement, null);
    }

    static Step retry(Instant at) {
      return new Step(null, at);
    }
  }
}
