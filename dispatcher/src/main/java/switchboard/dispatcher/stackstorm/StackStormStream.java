package switchboard.dispatcher.stackstorm;

import io.github.resilience4j.core.IntervalFunction;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live subscription to StackStorm's event stream ({@code GET <stream>/stream?events=...},
 * contract §6): one daemon thread reads the text/event-stream, skips heartbeats, hands events to
 * the {@link StreamListener}, and reconnects with exponential backoff and jitter when the
 * connection drops, answers an error, or stays silent past the idle timeout (st2 sends a heartbeat
 * every 25 s by default). After every reconnect it calls {@link StreamListener#onReconnect()}.
 * {@link #close()} ends it; thread-safe.
 */
public final class StackStormStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StackStormStream.class);

  /** Backoff between attempts: 0.5 s doubling to 30 s, each randomised by ±50%. */
  private static final IntervalFunction BACKOFF =
      IntervalFunction.ofExponentialRandomBackoff(
          Duration.ofMillis(500), 2.0, 0.5, Duration.ofSeconds(30));

  private final URI url;
  private final St2Http http;
  private final StackStormAuth auth;
  private final StreamListener listener;
  private final Duration idleTimeout;
  private final ScheduledFuture<?> watchdog;
  private final Clock clock = Clock.systemUTC();
  private final Thread reader;
  private final AtomicReference<Stream<String>> body = new AtomicReference<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  private volatile Instant lastLine = Instant.now();
  private volatile boolean connected;
  private volatile boolean closed;

  StackStormStream(
      URI streamUrl,
      Set<String> eventGlobs,
      St2Http http,
      StackStormAuth auth,
      StreamListener listener,
      Duration idleTimeout,
      ScheduledExecutorService watchdogs) {
    this.url = URI.create(streamUrl + "/stream" + events(eventGlobs));
    this.http = http;
    this.auth = auth;
    this.listener = listener;
    this.idleTimeout = idleTimeout;
    long check = Math.max(50, idleTimeout.toMillis() / 4);
    this.watchdog =
        watchdogs.scheduleWithFixedDelay(this::closeIfSilent, check, check, TimeUnit.MILLISECONDS);
    this.reader = new Thread(this::run, "st2-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Whether a connection is open right now. */
  public boolean isConnected() {
    return connected;
  }

  /** How many times the stream connected again after a drop. */
  public int reconnects() {
    return reconnects.get();
  }

  @Override
  public void close() {
    closed = true;
    watchdog.cancel(false);
    closeBody();
    reader.interrupt();
    try {
      reader.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    boolean everConnected = false;
    int failures = 0;
    while (!closed) {
      StackStormException cause;
      try {
        HttpResponse<Stream<String>> response = open();
        connected = true;
        failures = 0;
        LOG.info("Connected to the StackStorm stream at {}", url);
        if (everConnected) {
          reconnects.incrementAndGet();
          notify(listener::onReconnect);
        }
        everConnected = true;
        read(response.body());
        cause = new StackStormUnavailable(0, "the StackStorm stream ended", null, null);
      } catch (StackStormException e) {
        cause = e;
      } catch (RuntimeException e) {
        // The body stream reports a dropped connection as an unchecked wrapper of IOException.
        cause =
            new StackStormUnavailable(0, "the StackStorm stream broke: " + e.getMessage(), null, e);
      } finally {
        connected = false;
        closeBody();
      }
      if (closed) {
        break;
      }
      failures++;
      LOG.warn("StackStorm stream disconnected: {}", cause.getMessage());
      StackStormException reported = cause;
      notify(() -> listener.onDisconnect(reported));
      if (!pause(Duration.ofMillis(BACKOFF.apply(failures)))) {
        break;
      }
    }
    LOG.info("StackStorm stream at {} closed", url);
  }

  /** Connects; a 401 on a password-derived token gets one fresh token at once. */
  private HttpResponse<Stream<String>> open() {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request = http.request(url).header("Accept", "text/event-stream").GET();
      String used = auth.authorize(request);
      HttpResponse<Stream<String>> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
      int status = response.statusCode();
      if (status == 200) {
        body.set(response.body());
        lastLine = clock.instant();
        return response;
      }
      String text = response.body().limit(20).collect(Collectors.joining("\n"));
      response.body().close();
      if (status == 401 && attempt == 0 && auth.renewAfterRejection(used)) {
        continue;
      }
      throw St2Http.failure(status, text, response.headers());
    }
  }

  private void read(Stream<String> lines) {
    SseFrames frames = new SseFrames();
    lines.forEach(
        line -> {
          lastLine = clock.instant();
          Optional<StreamEvent> event = frames.accept(line);
          event.ifPresent(e -> notify(() -> listener.onEvent(e)));
        });
  }

  /** The watchdog: a connection silent past the idle timeout is dead; closing it reconnects. */
  private void closeIfSilent() {
    if (connected && Duration.between(lastLine, clock.instant()).compareTo(idleTimeout) > 0) {
      LOG.warn("StackStorm stream silent for over {}; reconnecting", idleTimeout);
      closeBody();
    }
  }

  private void closeBody() {
    Stream<String> current = body.getAndSet(null);
    if (current != null) {
      current.close();
    }
  }

  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("StackStorm stream listener failed; the stream goes on", e);
    }
  }

  /** Sleeps between attempts; false when closed meanwhile. */
  private boolean pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code ?events=a,b}: st2 splits the value on commas into fnmatch globs. */
  private static String events(Set<String> globs) {
    if (globs.isEmpty()) {
      return "";
    }
    List<String> sorted = globs.stream().sorted().toList();
    return "?events=" + URLEncoder.encode(String.join(",", sorted), StandardCharsets.UTF_8);
  }
}
