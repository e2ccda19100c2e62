package switchboard.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import switchboard.connector.DeliveryResult;
import switchboard.connector.OutboundReply;
import switchboard.schemas.ReasonCode;

class ConversationQueuesTest {

  private static final DeliverySettings SETTINGS =
      new DeliverySettings(
          3, Duration.ofSeconds(1), 2.0, 0.0, Duration.ofMinutes(1), Duration.ofMinutes(5), 100);

  private final ManualScheduler scheduler = new ManualScheduler();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final Map<String, List<Settlement>> settlements = new ConcurrentHashMap<>();

  @Test
  void shouldPostRepliesOfOneConversationInSubmissionOrder() {
    RecordingConnector slack = connector(Duration.ZERO);
    ConversationQueues queues = queues(SETTINGS);

    submit(queues, slack, "C1", "r1");
    submit(queues, slack, "C1", "r2");
    submit(queues, slack, "C1", "r3");
    scheduler.runDue();

    assertThat(slack.deliveredIds("C1")).containsExactly("r1", "r2", "r3");
    assertThat(settlements.get("r2")).containsExactly(new Settlement.Delivered(List.of("msg-r2")));
    assertThat(meters.get(NotifierMetrics.DELIVERED).tag("connector", "ops").counter().count())
        .isEqualTo(3.0);
    assertThat(meters.get(NotifierMetrics.LATENCY).timer().count()).isEqualTo(3);
  }

  @Test
  void shouldKeepPostingToOtherConversationsWhileOneHangs() {
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);
    try {
      CountDownLatch gate = new CountDownLatch(1);
      RecordingConnector slack =
          new RecordingConnector(Duration.ZERO, Instant::now).holdChannel("SLOW", gate);
      ConversationQueues queues =
          new ConversationQueues(
              SETTINGS, DeliveryScheduler.on(pool, Clock.systemUTC()), new NotifierMetrics(meters));

      submit(queues, slack, "SLOW", "s1");
      submit(queues, slack, "SLOW", "s2");
      submit(queues, slack, "FAST", "f1");
      submit(queues, slack, "FAST", "f2");

      await().until(() -> slack.deliveredIds("FAST").size() == 2);
      assertThat(slack.deliveredIds("FAST")).containsExactly("f1", "f2");
      assertThat(slack.deliveredIds("SLOW")).isEmpty();

      gate.countDown();
      await().until(() -> slack.deliveredIds("SLOW").size() == 2);
      assertThat(slack.deliveredIds("SLOW")).containsExactly("s1", "s2");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldLeaveTheProvidersMinIntervalBetweenTwoPostsOfAConversation() {
    RecordingConnector slack = connector(Duration.ofSeconds(1));
    ConversationQueues queues = queues(SETTINGS);

    submit(queues, slack, "C1", "a1");
    submit(queues, slack, "C1", "a2");
    submit(queues, slack, "C1", "a3");
    submit(queues, slack, "C2", "b1");
    scheduler.runDue();
    assertThat(ids(slack)).containsExactly("a1", "b1");

    scheduler.advance(Duration.ofMillis(999));
    assertThat(ids(slack)).containsExactly("a1", "b1");

    scheduler.advance(Duration.ofMillis(1));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(ids(slack)).containsExactly("a1", "b1", "a2", "a3");
    assertThat(attemptTimes(slack, "C1")).containsExactly(at(0), at(1000), at(2000));
  }

  @Test
  void shouldPaceAReplyArrivingRightAfterTheConversationWentIdle() {
    RecordingConnector slack = connector(Duration.ofSeconds(1));
    ConversationQueues queues = queues(SETTINGS);
    submit(queues, slack, "C1", "r1");
    scheduler.runDue();

    scheduler.advance(Duration.ofMillis(400));
    submit(queues, slack, "C1", "r2");
    scheduler.advance(Duration.ofMillis(599));
    assertThat(ids(slack)).containsExactly("r1");

    scheduler.advance(Duration.ofMillis(1));
    assertThat(attemptTimes(slack, "C1")).containsExactly(at(0), at(1000));
  }

  @Test
  void shouldRetryTheSameReplyAfterRetryAfterAndKeepTheOnesBehindItWaiting() {
    RecordingConnector slack =
        connector(Duration.ZERO)
            .answer("r1", new DeliveryResult.RetryAfter(Duration.ofSeconds(30), "HTTP 429"));
    ConversationQueues queues = queues(SETTINGS);

    submit(queues, slack, "C1", "r1");
    submit(queues, slack, "C1", "r2");
    scheduler.runDue();
    scheduler.advance(Duration.ofMillis(29_999));
    assertThat(slack.delivered()).isEmpty();

    scheduler.advance(Duration.ofMillis(1));
    assertThat(slack.deliveredIds("C1")).containsExactly("r1", "r2");
    assertThat(attemptTimes(slack, "C1")).containsExactly(at(0), at(30_000), at(30_000));
    assertThat(retried("rate_limited")).isEqualTo(1.0);
  }

  @Test
  void shouldBackOffExponentiallyThenGiveUpWithTheLastReason() {
    RecordingConnector slack =
        connector(Duration.ZERO)
            .answer(
                "r1",
                new DeliveryResult.TransientFailure("HTTP 503 first"),
                new DeliveryResult.TransientFailure("HTTP 503 second"),
                new DeliveryResult.TransientFailure("timeout third"));
    ConversationQueues queues = queues(SETTINGS);

    submit(queues, slack, "C1", "r1");
    submit(queues, slack, "C1", "r2");
    scheduler.runDue();
    scheduler.advance(Duration.ofSeconds(10));

    assertThat(attemptTimes(slack, "C1")).containsExactly(at(0), at(1000), at(3000), at(3000));
    assertThat(settlements.get("r1")).hasSize(1);
    Settlement.Undeliverable failed = (Settlement.Undeliverable) settlements.get("r1").get(0);
    assertThat(failed.reason()).isEqualTo(ReasonCode.DELIVERY_FAILED);
    assertThat(failed.message()).isEqualTo("gave up after 3 attempts: timeout third");
    assertThat(slack.deliveredIds("C1")).containsExactly("r2");
    assertThat(retried("transient")).isEqualTo(2.0);
  }

  @Test
  void shouldGiveUpWhenTheNextBackoffFallsAfterTheDeadline() {
    DeliverySettings shortDeadline =
        new DeliverySettings(
            10, Duration.ofSeconds(1), 2.0, 0.0, Duration.ofMinutes(1), Duration.ofSeconds(5), 100);
    RecordingConnector slack =
        connector(Duration.ZERO)
            .answer(
                "r1",
                new DeliveryResult.TransientFailure("503"),
                new DeliveryResult.TransientFailure("503"),
                new DeliveryResult.TransientFailure("503 again"));
    ConversationQueues queues = queues(shortDeadline);

    submit(queues, slack, "C1", "r1");
    scheduler.runDue();
    scheduler.advance(Duration.ofSeconds(10));

    // Attempts at 0 s, 1 s and 3 s; the next would be at 7 s, after the 5 s deadline.
    assertThat(attemptTimes(slack, "C1")).containsExactly(at(0), at(1000), at(3000));
    assertThat(((Settlement.Undeliverable) settlements.get("r1").get(0)).message())
        .startsWith("retry deadline of PT5S passed after 3 attempts")
        .endsWith("503 again");
  }

  @Test
  void shouldDeadLetterWhenTheProviderAsksToWaitPastTheDeadline() {
    RecordingConnector slack =
        connector(Duration.ZERO)
            .answer("r1", new DeliveryResult.RetryAfter(Duration.ofMinutes(10), "HTTP 429"));
    ConversationQueues queues = queues(SETTINGS);

    submit(queues, slack, "C1", "r1");
    scheduler.runDue();

    assertThat(settlements.get("r1"))
        .containsExactly(
            new Settlement.Undeliverable(
                ReasonCode.DELIVERY_FAILED, "still rate limited at the retry deadline: HTTP 429"));
  }

  @Test
  void shouldDeadLetterAtOnceWhenTheProviderRefuses() {
    RecordingConnector slack =
        connector(Duration.ZERO)
            .answer("r1", new DeliveryResult.PermanentFailure("channel_not_found"));
    ConversationQueues queues = queues(SETTINGS);

    submit(queues, slack, "C1", "r1");
    submit(queues, slack, "C1", "r2");
    scheduler.runDue();

    assertThat(slack.attempts()).hasSize(2);
    assertThat(settlements.get("r1"))
        .containsExactly(
            new Settlement.Undeliverable(
                ReasonCode.DELIVERY_FAILED, "refused by the provider: channel_not_found"));
    assertThat(slack.deliveredIds("C1")).containsExactly("r2");
  }

  @Test
  void shouldRetryAConnectorThatThrowsLikeATransientFailure() {
    RecordingConnector slack =
        connector(Duration.ZERO).throwOnce("r1", new IllegalStateException("renderer bug"));
    ConversationQueues queues = queues(SETTINGS);

    submit(queues, slack, "C1", "r1");
    scheduler.runDue();
    assertThat(slack.delivered()).isEmpty();

    scheduler.advance(Duration.ofSeconds(1));
    assertThat(slack.deliveredIds("C1")).containsExactly("r1");
  }

  @Test
  void shouldSkipAReplyIdThatWasAlreadyDelivered() {
    RecordingConnector slack = connector(Duration.ZERO);
    ConversationQueues queues = queues(SETTINGS);
    submit(queues, slack, "C1", "r1");
    scheduler.runDue();

    submit(queues, slack, "C1", "r1");
    scheduler.runDue();

    assertThat(slack.attempts()).hasSize(1);
    assertThat(settlements.get("r1"))
        .containsExactly(
            new Settlement.Delivered(List.of("msg-r1")), new Settlement.Duplicate("r1"));
  }

  @Test
  void shouldSettleADuplicateOfAQueuedReplyOnlyWhenTheFirstCopySettles() {
    RecordingConnector slack =
        connector(Duration.ZERO)
            .answer("r1", new DeliveryResult.RetryAfter(Duration.ofSeconds(10), "HTTP 429"));
    ConversationQueues queues = queues(SETTINGS);
    submit(queues, slack, "C1", "r1");
    scheduler.runDue();

    submit(queues, slack, "C1", "r1");
    assertThat(settlements.get("r1")).isEmpty();

    scheduler.advance(Duration.ofSeconds(10));
    assertThat(slack.deliveredIds("C1")).containsExactly("r1");
    assertThat(settlements.get("r1"))
        .containsExactly(
            new Settlement.Delivered(List.of("msg-r1")), new Settlement.Duplicate("r1"));
  }

  private RecordingConnector connector(Duration minInterval) {
    return new RecordingConnector(minInterval, scheduler::now);
  }

  private ConversationQueues queues(DeliverySettings settings) {
    return new ConversationQueues(settings, scheduler, new NotifierMetrics(meters));
  }

  private void submit(
      ConversationQueues queues, RecordingConnector connector, String channel, String replyId) {
    List<Settlement> settled =
        settlements.computeIfAbsent(replyId, id -> new CopyOnWriteArrayList<>());
    queues.submit(
        new Delivery("ops/T1/" + channel, "ops", connector, reply(channel, replyId)), settled::add);
  }

  private static OutboundReply reply(String channel, String replyId) {
    return new OutboundReply(
        replyId,
        "result",
        "T1",
        channel,
        null,
        null,
        null,
        "success",
        null,
        "text of " + replyId,
        List.of(),
        List.of(),
        List.of(),
        Map.of());
  }

  private static List<String> ids(RecordingConnector connector) {
    return connector.attempts().stream().map(a -> a.reply().replyId()).toList();
  }

  private static List<Instant> attemptTimes(RecordingConnector connector, String channel) {
    return connector.attempts().stream()
        .filter(a -> a.reply().channel().equals(channel))
        .map(RecordingConnector.Attempt::at)
        .toList();
  }

  private static Instant at(long millis) {
    return ManualScheduler.START.plusMillis(millis);
  }

  private double retried(String reason) {
    return meters.get(NotifierMetrics.RETRIED).tag("reason", reason).counter().count();
  }
}
