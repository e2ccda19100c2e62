package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The only code that talks to StackStorm: its REST API and event stream ({@code
 * shared/docs/stackstorm-contract.md}), over {@link java.net.http.HttpClient} with Jackson.
 *
 * <p>Every call either returns StackStorm's answer or throws one of the three {@link
 * StackStormException}s. The client does not retry: retries, backoff and circuit breaking belong to
 * the caller. The single exception is a 401 on a token obtained from a password, which gets one
 * fresh token and one more try. Credentials never reach logs, {@code toString} or exceptions.
 *
 * <p>Thread-safe. {@link #close()} ends the streams it opened.
 */
public final class StackStormClient implements AutoCloseable {

  /** Page size of {@link #listAliases()}: st2's default and non-admin maximum (contract §3.1). */
  static final int PAGE_SIZE = 100;

  /** A stream silent this long (st2's heartbeat is 25 s) is treated as dead. */
  public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final StackStormSettings settings;
  private final St2Http http;
  private final StackStormAuth auth;
  private final ScheduledExecutorService watchdogs;
  private final List<StackStormStream> streams = new CopyOnWriteArrayList<>();

  public StackStormClient(StackStormSettings settings) {
    this.settings = settings;
    this.http = new St2Http(settings);
    this.auth =
        new StackStormAuth(settings.credentials(), settings.authUrl(), http, Clock.systemUTC());
    this.watchdogs =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "st2-stream-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  public StackStormSettings settings() {
    return settings;
  }

  /**
   * Every action alias: {@code GET /api/v1/actionalias}, in st2's order (pack, name).
   *
   * @return the aliases in st2's JSON shape (contract §3.1)
   */
  public List<JsonNode> listAliases() {
    return listAll("/actionalias?");
  }

  /**
   * Every action with its runner and its own parameters: {@code GET /api/v1/actions}. Only what
   * Switchboard reads is asked for, since a catalogue holds thousands of actions.
   */
  public List<JsonNode> listActions() {
    return listAll("/actions?include_attributes=ref,runner_type,parameters&");
  }

  /** Every runner with its parameters: {@code GET /api/v1/runnertypes}. */
  public List<JsonNode> listRunnerTypes() {
    return listAll("/runnertypes?include_attributes=name,runner_parameters&");
  }

  /** A whole collection, page by page ({@code limit}/{@code offset} following X-Total-Count). */
  private List<JsonNode> listAll(String pathAndQuery) {
    List<JsonNode> items = new ArrayList<>();
    int offset = 0;
    while (true) {
      HttpResponse<String> response =
          call("GET", api(pathAndQuery + "limit=" + PAGE_SIZE + "&offset=" + offset), null);
      JsonNode page = http.checked(response);
      page.forEach(items::add);
      offset += page.size();
      long total =
          response
              .headers()
              .firstValueAsLong("X-Total-Count")
              .orElse(page.size() < PAGE_SIZE ? offset : Long.MAX_VALUE);
      if (page.size() == 0 || offset >= total) {
        return List.copyOf(items);
      }
    }
  }

  /**
   * Runs an alias: {@code POST /api/v1/aliasexecution} (contract §4.1).
   *
   * @throws StackStormRejected with st2's faultstring when the alias is unknown (404), disabled,
   *     the format is not the alias's, the command does not fit it, an immutable parameter is set,
   *     or a value cannot be cast (400), or RBAC denies it (403)
   */
  public AliasExecutionResponse executeAlias(AliasExecutionRequest request) {
    return AliasExecutionResponse.from(
        http.checked(call("POST", api("/aliasexecution"), request.toJson())));
  }

  /** {@code GET /api/v1/executions/{id}}; an unknown id is a {@link StackStormRejected} 404. */
  public Execution getExecution(String id) {
    return Execution.from(http.checked(call("GET", api("/executions/" + encode(id)), null)));
  }

  /** {@code GET /api/v1/executions} with filters, newest first (contract §5). */
  public List<Execution> listExecutions(ExecutionQuery query) {
    JsonNode page = http.checked(call("GET", api("/executions?" + query.queryString()), null));
    List<Execution> executions = new ArrayList<>();
    page.forEach(e -> executions.add(Execution.from(e)));
    return List.copyOf(executions);
  }

  /**
   * Starts an action: {@code POST /api/v1/executions {action, parameters}} (contract §5). Used to
   * run {@code chatops.format_execution_result} for a result whose announcement never came; that
   * execution's result is the python runner's envelope, so the message is at {@code
   * result.result.message} once it has succeeded.
   *
   * @return the new execution, usually {@code requested}
   */
  public Execution runAction(String actionRef, JsonNode parameters) {
    ObjectNode body = St2Http.JSON.createObjectNode();
    body.put("action", actionRef);
    body.set(
        "parameters", parameters == null ? St2Http.JSON.createObjectNode() : parameters.deepCopy());
    return Execution.from(http.checked(call("POST", api("/executions"), body)));
  }

  /**
   * {@code POST /api/v1/actionalias/match} (contract §3.2).
   *
   * @throws StackStormRejected 400 {@code Command '...' matched no patterns} or {@code ... matched
   *     more than 1 pattern}
   */
  public AliasMatch matchAlias(String command) {
    ObjectNode body = St2Http.JSON.createObjectNode().put("command", command);
    return AliasMatch.from(http.checked(call("POST", api("/actionalias/match"), body)));
  }

  /**
   * {@code GET /api/v1/actionalias/help} (contract §3.3).
   *
   * @param pack exact pack, or null for all
   * @param filter a regular expression searched in each display, or null for all
   */
  public AliasHelpListing help(String pack, String filter, int offset, int limit) {
    StringBuilder query =
        new StringBuilder("/actionalias/help?offset=" + offset + "&limit=" + limit);
    if (pack != null) {
      query.append("&pack=").append(encode(pack));
    }
    if (filter != null) {
      query.append("&filter=").append(encode(filter));
    }
    return AliasHelpListing.from(http.checked(call("GET", api(query.toString()), null)));
  }

  /**
   * Subscribes to the event stream with st2's {@code events} globs ({@code st2.announcement__*},
   * {@code st2.execution__update}, ...; empty for st2's default list). The stream reconnects by
   * itself until closed, and calls {@link StreamListener#onReconnect()} after each reconnect.
   */
  public StackStormStream stream(Set<String> eventGlobs, StreamListener listener) {
    return stream(eventGlobs, listener, DEFAULT_STREAM_IDLE_TIMEOUT);
  }

  /** {@link #stream(Set, StreamListener)} with its own idle timeout. */
  public StackStormStream stream(
      Set<String> eventGlobs, StreamListener listener, Duration idleTimeout) {
    StackStormStream stream =
        new StackStormStream(
            settings.streamUrl(),
            Set.copyOf(eventGlobs),
            http,
            auth,
            listener,
            idleTimeout,
            watchdogs);
    streams.add(stream);
    return stream;
  }

  @Override
  public void close() {
    streams.forEach(StackStormStream::close);
    streams.clear();
    watchdogs.shutdownNow();
  }

  /** One request with credentials; a 401 on a password-derived token is retried once. */
  private HttpResponse<String> call(String method, URI uri, JsonNode body) {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request = http.request(uri);
      String used = auth.authorize(request);
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
      }
      HttpResponse<String> response = http.send(request.build());
      if (response.statusCode() == 401 && attempt == 0 && auth.renewAfterRejection(used)) {
        continue;
      }
      return response;
    }
  }

  private URI api(String pathAndQuery) {
    return URI.create(settings.apiUrl() + pathAndQuery);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
