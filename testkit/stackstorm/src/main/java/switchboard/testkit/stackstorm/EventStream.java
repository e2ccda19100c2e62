package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * st2stream's {@code GET /stream/v1/stream} (contract §6): a text/event-stream of {@code event:
 * <name>\ndata: <json>\n\n} frames without ids, a bare {@code "\n"} heartbeat right after
 * connecting and after every heartbeat interval of silence, and {@code events} as fnmatch globs.
 * Thread-safe; each connection is served on its own server thread.
 */
final class EventStream {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  /**
   * The events a connection gets without an {@code events} parameter ({@code
   * st2stream/controllers/v1/stream.py}); alias events only on request.
   */
  static final List<String> DEFAULT_EVENTS =
      List.of(
          "st2.announcement__*",
          "st2.execution__create",
          "st2.execution__update",
          "st2.execution__delete",
          "st2.liveaction__create",
          "st2.liveaction__update",
          "st2.liveaction__delete");

  private static final byte[] HEARTBEAT = "\n".getBytes(StandardCharsets.UTF_8);

  /** Put on a connection's queue to end it. */
  private static final Object DROP = new Object();

  private record Connection(List<Pattern> events, BlockingQueue<Object> queue) {}

  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private volatile Duration heartbeat;

  EventStream(Duration heartbeat) {
    this.heartbeat = heartbeat;
  }

  void heartbeat(Duration interval) {
    this.heartbeat = interval;
  }

  int connections() {
    return connections.size();
  }

  /** Sends one event to every connection whose globs match its name. */
  void publish(String event, JsonNode data) {
    byte[] frame =
        ("event: " + event + "\ndata: " + data.toString() + "\n\n")
            .getBytes(StandardCharsets.UTF_8);
    for (Connection connection : connections) {
      if (connection.events().stream().anyMatch(p -> p.matcher(event).matches())) {
        connection.queue().add(frame);
      }
    }
  }

  /** Ends every open connection, as a restarting st2stream or a proxy timeout would. */
  void dropAll() {
    connections.forEach(c -> c.queue().add(DROP));
  }

  /**
   * Serves one connection until the client leaves or {@link #dropAll()}; blocks the calling thread.
   *
   * @param eventGlobs the {@code events} parameter split on commas; empty means the default list
   */
  void serve(HttpExchange exchange, List<String> eventGlobs) throws IOException {
    List<Pattern> events = new ArrayList<>();
    for (String glob : eventGlobs.isEmpty() ? DEFAULT_EVENTS : eventGlobs) {
      events.add(fnmatch(glob.strip()));
    }
    Connection connection = new Connection(List.copyOf(events), new LinkedBlockingQueue<>());
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=UTF-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
    exchange.sendResponseHeaders(200, 0);
    connections.add(connection);
    try (OutputStream body = exchange.getResponseBody()) {
      write(body, HEARTBEAT);
      while (true) {
        Object next = connection.queue().poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (next == DROP) {
          break;
        }
        write(body, next == null ? HEARTBEAT : (byte[]) next);
      }
    } catch (IOException e) {
      LOG.debug("stream client went away: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(connection);
      exchange.close();
    }
  }

  private static void write(OutputStream body, byte[] bytes) throws IOException {
    body.write(bytes);
    body.flush();
  }

  /** Python's {@code fnmatch.translate} on POSIX (case-sensitive): *, ?, [seq] and [!seq]. */
  static Pattern fnmatch(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        int j = i + 1;
        if (j < glob.length() && glob.charAt(j) == '!') {
          j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
          j++;
        }
        while (j < glob.length() && glob.charAt(j) != ']') {
          j++;
        }
        if (j >= glob.length()) {
          regex.append("\\[");
        } else {
          String set = glob.substring(i + 1, j).replace("\\", "\\\\");
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          } else if (set.startsWith("^")) {
            set = "\\" + set;
          }
          regex.append('[').append(set).append(']');
          i = j;
        }
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Splits the {@code events} query value on commas, as st2's router splits array parameters. */
  static List<String> globs(String eventsParameter) {
    if (eventsParameter == null || eventsParameter.isEmpty()) {
      return List.of();
    }
    return List.of(eventsParameter.split(","));
  }
}
