package switchboard.connector.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import switchboard.connector.DeliveryResult;
import switchboard.connector.InboundSink;
import switchboard.connector.OutboundReply;
import switchboard.connector.console.ConsoleEventMapper.ConsolePost;

/**
 * The console's chat itself, without HTTP: users post, the bot delivers, everyone reads the
 * history. What users post goes to the sink; what the bot delivers only to the history, so the
 * bot's own replies are never fed back as inbound messages.
 */
final class ConsoleChat {

  private final ConsoleSettings settings;
  private final InboundSink sink;
  private final Clock clock;
  private final ConsoleEventMapper mapper;
  private final ConsoleReplyRenderer renderer;
  private final ConsoleHistory history;
  private final AtomicReference<RateLimit> rateLimit = new AtomicReference<>(RateLimit.NONE);

  ConsoleChat(ConsoleSettings settings, InboundSink sink, Clock clock) {
    this.settings = settings;
    this.sink = sink;
    this.clock = clock;
    this.mapper = new ConsoleEventMapper(settings.botName());
    this.renderer = new ConsoleReplyRenderer(settings.botName(), ConsoleSettings.MAX_MESSAGE_CHARS);
    this.history = new ConsoleHistory(settings.historyLimit());
  }

  ConsoleSettings settings() {
    return settings;
  }

  ConsoleEventMapper mapper() {
    return mapper;
  }

  /**
   * What a post did.
   *
   * @param eventId the event id it was forwarded with (or would have been)
   * @param seq its position in the history
   * @param forwarded true when it went to Switchboard
   * @param reason why it was not forwarded, else null
   * @param duplicate true when the same clientMessageId was posted before; it shows once
   */
  record Posted(String eventId, long seq, boolean forwarded, String reason, boolean duplicate) {}

  /**
   * Shows a post in its channel and forwards it, unless it is a bot's. A repeated post (same {@code
   * clientMessageId}) shows once and is forwarded again with the same event id, as a provider
   * redelivers an event; Switchboard deduplicates it by that id.
   */
  Posted post(ConsolePost post) {
    String eventId = ConsoleEventMapper.eventId(post, UUID.randomUUID());
    Instant now = clock.instant();
    ConsoleHistory.Appended appended =
        history.append(
            post.channel(),
            List.of(ConsoleEventMapper.toHistory(post, eventId, now)),
            "event:" + eventId);
    long seq = appended.messages().get(0).seq();
    Optional<String> notForwarded = mapper.notForwarded(post);
    if (notForwarded.isEmpty()) {
      sink.accept(mapper.toInbound(post, eventId, seq, now));
    }
    return new Posted(
        eventId, seq, notForwarded.isEmpty(), notForwarded.orElse(null), appended.duplicate());
  }

  /** A body that is no post: it becomes a dead letter. */
  void reject(byte[] body, String reason) {
    sink.reject(body, reason);
  }

  /**
   * Shows a reply in its channel (a whisper only to its user). A reply delivered again with the
   * same reply id shows once.
   */
  DeliveryResult deliver(OutboundReply reply) {
    if (reply.channel() == null || !ConsoleNames.CHANNEL.matcher(reply.channel()).matches()) {
      return new DeliveryResult.PermanentFailure(
          "console channels look like #ops or @me, not '" + reply.channel() + "'");
    }
    RateLimit limit = rateLimit.getAndUpdate(RateLimit::spend);
    if (limit.remaining() > 0) {
      return new DeliveryResult.RetryAfter(limit.retryAfter(), "console: simulated rate limit");
    }
    ConsoleHistory.Appended appended =
        history.append(
            reply.channel(),
            renderer.render(reply, clock.instant()),
            ConsoleReplyRenderer.dedupeKey(reply));
    return new DeliveryResult.Delivered(
        appended.messages().stream().map(m -> Long.toString(m.seq())).toList());
  }

  /** See {@link ConsoleHistory#read}. */
  ConsoleHistory.Page read(String channel, long after, String viewer, Duration wait)
      throws InterruptedException {
    return history.read(channel, after, viewer, wait);
  }

  /**
   * Answers the next {@code posts} deliveries with {@link DeliveryResult.RetryAfter}, as a provider
   * answers HTTP 429 with Retry-After: lets a demo or a test show how Switchboard backs off.
   */
  void rateLimitNext(int posts, Duration retryAfter) {
    rateLimit.set(new RateLimit(posts, retryAfter));
  }

  /** Releases waiting readers. */
  void close() {
    history.close();
  }

  private record RateLimit(int remaining, Duration retryAfter) {
    static final RateLimit NONE = new RateLimit(0, Duration.ZERO);

    RateLimit spend() {
      return remaining > 0 ? new RateLimit(remaining - 1, retryAfter) : this;
    }
  }
}
