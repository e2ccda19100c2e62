package switchboard.connector.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Events API Request URL (chat-providers.md §1.1, §1.2) on the JDK's HTTP server: Slack POSTs
 * events as JSON and interactions as a form with one {@code payload} field.
 *
 * <ul>
 *   <li>The signature is checked over the raw bytes before anything is parsed ({@link
 *       SlackRequestVerifier}); a forged, stale or unsigned request gets 401.
 *   <li>{@code url_verification} is answered with its {@code challenge}.
 *   <li>Everything else gets an empty 200 at once, and is processed after the answer is sent: Slack
 *       retries what is not acknowledged within 3 seconds.
 *   <li>A replayed request (same signature and timestamp) gets 200 and is dropped. Slack's retries
 *       ({@code X-Slack-Retry-Num}) get 200 and are dropped as repeats when this instance has the
 *       event already; a retry of an event that never arrived (the endpoint was down) is still
 *       published, or it would be lost.
 * </ul>
 */
final class SlackEventsEndpoint implements AutoCloseable {

  /** Larger bodies are not Slack's (its events are a few kilobytes). */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(SlackEventsEndpoint.class);

  private final String instance;
  private final String host;
  private final int port;
  private final String path;
  private final SlackRequestVerifier verifier;
  private final SlackInbound inbound;
  private final ObjectMapper json = new ObjectMapper();
  private HttpServer server;
  private ExecutorService executor;

  SlackEventsEndpoint(
      String instance,
      String host,
      int port,
      String path,
      SlackRequestVerifier verifier,
      SlackInbound inbound) {
    this.instance = instance;
    this.host = host;
    this.port = port;
    this.path = path;
    this.verifier = verifier;
    this.inbound = inbound;
  }

  /** Binds and starts serving. */
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext(path, this::handle);
    // One thread handles the requests in arrival order; each takes microseconds (verify, parse,
    // hand to the sink), far within Slack's 30,000 events per hour.
    executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "slack-" + instance + "-events");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    LOG.info("slack {}: Events API endpoint listening at {}", instance, uri());
  }

  /** The Request URL as bound, e.g. {@code http://127.0.0.1:3000/slack/events}. */
  URI uri() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        respond(exchange, 404, "");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, "");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        respond(exchange, 413, "");
        return;
      }
      SlackRequestVerifier.Verdict verdict =
          verifier.verify(
              exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
              exchange.getRequestHeaders().getFirst("X-Slack-Signature"),
              body);
      switch (verdict) {
        case VALID -> accept(exchange, body);
        case DUPLICATE -> respond(exchange, 200, "");
        default -> {
          LOG.warn("slack {}: refused an Events API request: {}", instance, verdict);
          respond(exchange, 401, "");
        }
      }
    }
  }

  private void accept(HttpExchange exchange, byte[] body) throws IOException {
    JsonNode payload = parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
    if (payload != null && "url_verification".equals(payload.path("type").asText())) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      respond(
          exchange,
          200,
          json.createObjectNode().put("challenge", payload.path("challenge").asText()).toString());
      return;
    }
    respond(exchange, 200, "");
    String retry = exchange.getRequestHeaders().getFirst("X-Slack-Retry-Num");
    if (retry != null) {
      LOG.debug(
          "slack {}: Slack retry {} ({})",
          instance,
          retry,
          exchange.getRequestHeaders().getFirst("X-Slack-Retry-Reason"));
    }
    inbound.accept(body, payload);
  }

  /** JSON events, or the JSON in the {@code payload} field of a form (interactivity). */
  private JsonNode parse(String contentType, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      text = formField(text, "payload");
      if (text == null) {
        return null;
      }
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String formField(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops serving; idempotent. */
  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
