package switchboard.connector.console;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.console.ConsoleEventMapper.Read;
import switchboard.connector.console.ConsoleEventMapper.Readable;
import switchboard.connector.console.ConsoleEventMapper.Unreadable;

/**
 * The console's JSON API and its web page, on the JDK's HTTP server. The API is documented in the
 * module's README.md; the page uses nothing else.
 */
final class ConsoleHttpApi implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttpApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/channels/([^/]+)/messages");
  private static final String WEB = "/switchboard/connector/console/web/";
  private static final Map<String, String> PAGE_FILES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/console.js", "console.js",
          "/console.css", "console.css");

  private final String instance;
  private final ConsoleChat chat;

  ConsoleHttpApi(String instance, ConsoleChat chat) {
    this.instance = instance;
    this.chat = chat;
  }

  /** A client error, answered with its status and {@code {"error": message}}. */
  private static final class ClientError extends Exception {
    private final int status;

    ClientError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private record ErrorBody(String error) {}

  private record Info(
      String instance,
      String banner,
      String botName,
      String defaultChannel,
      String workspace,
      int maxMessageChars) {}

  private record RateLimitBody(int posts, int retryAfterSeconds) {}

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (ClientError e) {
        send(exchange, e.status, new ErrorBody(e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(exchange, 503, new ErrorBody("the console is shutting down"));
      } catch (RuntimeException e) {
        LOG.error(
            "console {}: {} {} failed", instance, exchange.getRequestMethod(), path(exchange), e);
        send(exchange, 500, new ErrorBody("internal error: " + e));
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException, ClientError, InterruptedException {
    String path = path(exchange);
    Matcher channelMessages = CHANNEL_MESSAGES.matcher(path);
    if (path.equals("/api/messages")) {
      requireMethod(exchange, "POST");
      byte[] body = body(exchange);
      posted(exchange, body, chat.mapper().readMessage(body));
    } else if (path.equals("/api/interactions")) {
      requireMethod(exchange, "POST");
      byte[] body = body(exchange);
      posted(exchange, body, chat.mapper().readInteraction(body));
    } else if (channelMessages.matches()) {
      requireMethod(exchange, "GET");
      readChannel(exchange, channelMessages.group(1));
    } else if (path.equals("/api/health")) {
      requireMethod(exchange, "GET");
      send(exchange, 200, Map.of("status", "UP", "instance", instance));
    } else if (path.equals("/api/info")) {
      requireMethod(exchange, "GET");
      ConsoleSettings settings = chat.settings();
      send(
          exchange,
          200,
          new Info(
              instance,
              settings.banner(),
              settings.botName(),
              settings.defaultChannel(),
              ConsoleSettings.WORKSPACE,
              ConsoleSettings.MAX_MESSAGE_CHARS));
    } else if (path.equals("/api/simulate/rate-limit")) {
      requireMethod(exchange, "POST");
      simulateRateLimit(exchange);
    } else if (PAGE_FILES.containsKey(path)) {
      requireMethod(exchange, "GET");
      page(exchange, PAGE_FILES.get(path));
    } else {
      throw new ClientError(404, "no such resource: " + path);
    }
  }

  private void posted(HttpExchange exchange, byte[] body, Read read) throws IOException {
    if (read instanceof Unreadable unreadable) {
      // The console's provider payload is the request body: one it cannot map is dead-lettered.
      chat.reject(body, unreadable.reason());
      send(exchange, 400, new ErrorBody(unreadable.reason()));
    } else if (read instanceof Readable readable) {
      send(exchange, 202, chat.post(readable.post()));
    }
  }

  private void readChannel(HttpExchange exchange, String rawChannel)
      throws IOException, ClientError, InterruptedException {
    String channel = URLDecoder.decode(rawChannel, StandardCharsets.UTF_8);
    if (!ConsoleNames.CHANNEL.matcher(channel).matches()) {
      throw new ClientError(400, "channel must look like #ops or @me, was '" + channel + "'");
    }
    Map<String, String> query = query(exchange);
    long after = number(query, "after", 0, Long.MAX_VALUE);
    long wait = number(query, "wait", 0, ConsoleHistory.MAX_WAIT.toSeconds());
    ConsoleHistory.Page page =
        chat.read(channel, after, query.get("user"), Duration.ofSeconds(wait));
    send(exchange, 200, page);
  }

  private void simulateRateLimit(HttpExchange exchange) throws IOException, ClientError {
    RateLimitBody limit;
    try {
      limit = JSON.readValue(body(exchange), RateLimitBody.class);
    } catch (JacksonException e) {
      throw new ClientError(400, "not a rate limit: " + e.getOriginalMessage());
    }
    if (limit == null || limit.posts() < 0 || limit.retryAfterSeconds() < 0) {
      throw new ClientError(400, "posts and retryAfterSeconds must not be negative");
    }
    chat.rateLimitNext(limit.posts(), Duration.ofSeconds(limit.retryAfterSeconds()));
    send(exchange, 202, limit);
  }

  private static void page(HttpExchange exchange, String file) throws IOException, ClientError {
    try (InputStream in = ConsoleHttpApi.class.getResourceAsStream(WEB + file)) {
      if (in == null) {
        throw new ClientError(404, "no such resource: " + file);
      }
      byte[] bytes = in.readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", contentType(file));
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String contentType(String file) {
    if (file.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (file.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }

  private static void requireMethod(HttpExchange exchange, String method) throws ClientError {
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new ClientError(405, path(exchange) + " accepts " + method + " only");
    }
  }

  /**
   * The request body, at most 1 MiB. A POST must say {@code Content-Type: application/json}: a
   * browser sends that cross-site only after a CORS preflight, which the console never grants, so
   * another web site cannot post in a user's name.
   */
  private static byte[] body(HttpExchange exchange) throws IOException, ClientError {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new ClientError(415, "send the body as Content-Type: application/json");
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ClientError(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return bytes;
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static long number(Map<String, String> query, String name, long min, long max)
      throws ClientError {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return min;
    }
    try {
      return Math.max(min, Math.min(max, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      throw new ClientError(400, name + " must be a whole number, was '" + value + "'");
    }
  }

  private static String path(HttpExchange exchange) {
    return exchange.getRequestURI().getRawPath();
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
