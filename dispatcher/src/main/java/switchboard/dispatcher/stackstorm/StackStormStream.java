package switchboard.dispatcher.stackstorm;

import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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

  /** The body is read in chunks this big, into one buffer per connection. */
  private static final int READ_BUFFER = 8192;

  /**
   * An error answer is read only this far: st2's faultstrings are short, a proxy's page may not be.
   */
  private static final int ERROR_TEXT_LIMIT = 16 * 1024;

  private final URI url;
  private final St2Http http;
  private final StackStormAuth auth;
  private final StreamListener listener;
  private final Duration idleTimeout;
  private final ScheduledFuture<?> watchdog;
  private final Thread reader;
  private final AtomicReference<InputStream> body = new AtomicReference<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  private volatile long lastRead = System.nanoTime();
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
        HttpResponse<InputStream> response = open();
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
      } catch (IOException | RuntimeException e) {
        // Dropped, or closed by the watchdog; anything unexpected also ends in a reconnect rather
        // than in a reader that is gone for good.
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
  private HttpResponse<InputStream> open() {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request = http.request(url).header("Accept", "text/event-stream").GET();
      String used = auth.authorize(request);
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      if (status == 200) {
        body.set(response.body());
        lastRead = System.nanoTime();
        return response;
      }
      String text = errorText(response.body());
      if (status == 401 && attempt == 0 && auth.renewAfterRejection(used)) {
        continue;
      }
      throw St2Http.failure(status, text, response.headers());
    }
  }

  /** Reads until the connection ends; any bytes, a heartbeat too, show that it is alive. */
  private void read(InputStream in) throws IOException {
    SseFrames frames = new SseFrames();
    Consumer<StreamEvent> deliver = event -> notify(() -> listener.onEvent(event));
    byte[] buffer = new byte[READ_BUFFER];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      lastRead = System.nanoTime();
      frames.accept(buffer, 0, n, deliver);
    }
  }

  /** The watchdog: a connection silent past the idle timeout is dead; closing it reconnects. */
  private void closeIfSilent() {
    if (connected && System.nanoTime() - lastRead > idleTimeout.toNanos()) {
      LOG.warn("StackStorm stream silent for over {}; reconnecting", idleTimeout);
      closeBody();
    }
  }

  private void closeBody() {
    InputStream current = body.getAndSet(null);
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        LOG.debug("closing the StackStorm stream: {}", e.toString());
      }
    }
  }

  /** The start of an error answer's body, for its faultstring; empty when even that fails. */
  private static String errorText(InputStream in) {
    try (in) {
      return new String(in.readNBytes(ERROR_TEXT_LIMIT), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
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
