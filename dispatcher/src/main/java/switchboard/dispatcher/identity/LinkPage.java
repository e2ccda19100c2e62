package switchboard.dispatcher.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.records.IdentityLink;

/**
 * The sign-in page behind a one-time link: {@code GET /link/<token>} shows the form, {@code POST
 * /link/<token>} checks the credentials with StackStorm and records the link. A JDK {@link
 * HttpServer}, meant to sit behind a TLS proxy.
 *
 * <p>The password lives only in the request being handled: it is handed to the {@link
 * CredentialCheck} and dropped, never logged, never in an answer. Answers are never cached and send
 * no referrer, because the token is in the URL; the page cannot be framed.
 */
final class LinkPage implements AutoCloseable {

  static final String PATH = "/link";

  private static final Logger LOG = LoggerFactory.getLogger(LinkPage.class);

  /** A sign-in form is small; anything bigger is not one. */
  private static final int MAX_FORM_BYTES = 8 * 1024;

  static final String LINKED_BY = "self-service";

  private final LinkTokens tokens;
  private final CredentialCheck credentials;
  private final IdentityLinkSink sink;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService executor;

  LinkPage(
      LinkSettings settings,
      LinkTokens tokens,
      CredentialCheck credentials,
      IdentityLinkSink sink,
      Clock clock)
      throws IOException {
    this.tokens = tokens;
    this.credentials = credentials;
    this.sink = sink;
    this.clock = clock;
    this.server =
        HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 0);
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "link-page");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(PATH + "/", this::handle);
  }

  void start() {
    server.start();
  }

  /** The port the page listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String token = exchange.getRequestURI().getPath().substring(PATH.length() + 1);
      if (!LinkTokens.SHAPE.matcher(token).matches()) {
        respond(exchange, 404, LinkHtml.gone());
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "GET":
          show(exchange, token);
          break;
        case "POST":
          signIn(exchange, token);
          break;
        default:
          exchange.getResponseHeaders().set("Allow", "GET, POST");
          respond(exchange, 405, LinkHtml.gone());
      }
    } catch (RuntimeException e) {
      // Never the request body in a log line: it holds a password.
      LOG.error("link page failed on {} {}", exchange.getRequestMethod(), PATH, e);
    }
  }

  private void show(HttpExchange exchange, String token) throws IOException {
    LinkTokens.Lookup lookup = tokens.lookup(token);
    if (lookup instanceof LinkTokens.Lookup.Valid valid) {
      respond(exchange, 200, LinkHtml.form(valid.pending(), null));
    } else {
      respond(exchange, 410, LinkHtml.gone());
    }
  }

  private void signIn(HttpExchange exchange, String token) throws IOException {
    LinkTokens.Lookup lookup = tokens.attempt(token);
    if (!(lookup instanceof LinkTokens.Lookup.Valid)) {
      respond(exchange, 410, LinkHtml.gone());
      return;
    }
    Map<String, String> form = form(exchange.getRequestBody());
    CredentialCheck.Verdict verdict = credentials.check(form.get("username"), form.get("password"));
    if (verdict instanceof CredentialCheck.Verdict.Unavailable unavailable) {
      LOG.warn("self-service link: StackStorm unavailable: {}", unavailable.reason());
      tokens.refund(token);
      respond(exchange, 503, LinkHtml.unavailable());
      return;
    }
    if (verdict instanceof CredentialCheck.Verdict.Refused) {
      tokens.wrong(token);
      if (tokens.lookup(token) instanceof LinkTokens.Lookup.Valid still) {
        respond(
            exchange, 401, LinkHtml.form(still.pending(), "Wrong StackStorm user or password."));
      } else {
        respond(exchange, 410, LinkHtml.gone());
      }
      return;
    }
    String stackstormUser = ((CredentialCheck.Verdict.Accepted) verdict).stackstormUser();
    var pending = tokens.consume(token);
    if (pending.isEmpty()) {
      respond(exchange, 410, LinkHtml.gone());
      return;
    }
    LinkTokens.Pending who = pending.get();
    try {
      sink.record(
          IdentityLink.newBuilder()
              .setProvider(who.provider())
              .setWorkspace(who.workspace())
              .setChatUserId(who.chatUserId())
              .setStackstormUser(stackstormUser)
              .setLinkedBy(LINKED_BY)
              .setLinkedAt(clock.instant())
              .build());
    } catch (RuntimeException e) {
      LOG.error("self-service link of {} could not be recorded", who.chatUserId(), e);
      // The page asks the user to try again with the same link: it must still work.
      tokens.restore(token, who);
      respond(exchange, 503, LinkHtml.notRecorded());
      return;
    }
    LOG.info(
        "self-service link: {}/{}/{} is now StackStorm user {}",
        who.provider(),
        who.workspace(),
        who.chatUserId(),
        stackstormUser);
    respond(exchange, 200, LinkHtml.linked(stackstormUser));
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
    Map<String, String> fields = new HashMap<>();
    if (bytes.length > MAX_FORM_BYTES) {
      return fields;
    }
    for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static void respond(HttpExchange exchange, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
