package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.matcher.help.AliasHelp;
import switchboard.matcher.help.HelpEntry;
import switchboard.matcher.help.HelpPage;
import switchboard.matcher.help.HelpRequest;
import switchboard.matcher.help.HelpResult;
import switchboard.matcher.match.MatchResult;

/**
 * The double's HTTP surface: st2's paths behind nginx on one port (contract §1), with st2's status
 * codes and {@code {"faultstring": ...}} bodies. Resolves the route first, then authenticates, as
 * st2's router does. Thread-safe.
 */
final class St2Routes implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(St2Routes.class);

  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "st2-api-key", "x-auth-token", "cookie");
  private static final Pattern SECRET_QUERY =
      Pattern.compile("(?i)((?:^|&)(?:st2-api-key|x-auth-token)=)[^&]*");

  /** What a handler sees of a call. */
  private record Call(
      String user, Headers headers, Map<String, String> query, JsonNode body, Matcher path) {}

  /** An answer with a JSON body. */
  private record Answer(int status, JsonNode body, Map<String, String> headers) {
    Answer(int status, JsonNode body) {
      this(status, body, Map.of());
    }
  }

  private interface Endpoint {
    Answer handle(Call call);
  }

  private record Route(String method, Pattern path, boolean authenticated, Endpoint endpoint) {}

  private final List<Route> routes = new ArrayList<>();

  /** The latest requests, at most {@link #requestLog}; guarded by its own lock. */
  private final Deque<RecordedRequest> recorded = new ArrayDeque<>();

  private final int requestLog;
  private final AuthService auth;
  private final AliasStore aliases;
  private final Executions executions;
  private final AliasExecutionService aliasExecutions;
  private final ActionCatalog actions;
  private final EventStream stream;
  private final Faults faults;
  private final Clock clock;
  private volatile String apiUrl = "";

  St2Routes(
      AuthService auth,
      AliasStore aliases,
      Executions executions,
      AliasExecutionService aliasExecutions,
      ActionCatalog actions,
      EventStream stream,
      Faults faults,
      Clock clock,
      int requestLog) {
    this.auth = auth;
    this.aliases = aliases;
    this.executions = executions;
    this.aliasExecutions = aliasExecutions;
    this.actions = actions;
    this.stream = stream;
    this.faults = faults;
    this.clock = clock;
    this.requestLog = requestLog;
    // st2auth serves the token endpoint under /auth/v1/ and /auth/ (contract §1).
    route("POST", "/auth(?:/v1)?/tokens", false, this::issueToken);
    route("POST", "/auth(?:/v1)?/tokens/validate", false, this::validateToken);
    route("GET", "/api/v1/actionalias", true, this::listAliases);
    route("POST", "/api/v1/actionalias/match", true, this::matchAlias);
    route("GET", "/api/v1/actionalias/help", true, this::help);
    // openapi x-requirements: ref_or_id (?!match)(?!help).*
    route("GET", "/api/v1/actionalias/(?!match$)(?!help$)([^/]+)", true, this::getAlias);
    route("POST", "/api/v1/aliasexecution", true, this::executeAlias);
    route("POST", "/api/v1/aliasexecution/match_and_execute", true, this::matchAndExecute);
    route("GET", "/api/v1/actions", true, this::listActions);
    route("GET", "/api/v1/runnertypes", true, this::listRunnerTypes);
    route("GET", "/api/v1/executions", true, this::listExecutions);
    route("POST", "/api/v1/executions", true, this::createExecution);
    route("GET", "/api/v1/executions/([^/]+)", true, this::getExecution);
  }

  /** The API base URL, sent as st2auth's {@code X-API-URL} header. */
  void apiUrl(String url) {
    this.apiUrl = url;
  }

  List<RecordedRequest> recorded() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  void clearRecorded() {
    synchronized (recorded) {
      recorded.clear();
    }
  }

  private void route(String method, String path, boolean authenticated, Endpoint endpoint) {
    routes.add(new Route(method, Pattern.compile(path), authenticated, endpoint));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      record(exchange, path, rawQuery, body);
      Map<String, String> query = query(rawQuery);
      try {
        if (path.equals("/stream/v1/stream")) {
          serveStream(exchange, query);
          return;
        }
        faults.beforeApiRequest();
        Answer answer = dispatch(exchange, path, query, body);
        send(exchange, answer.status(), answer.body(), answer.headers());
      } catch (ApiError e) {
        ObjectNode fault = St2Values.object().put("faultstring", e.faultstring());
        send(exchange, e.status(), fault, e.headers());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("StackStorm test double failed on {} {}", exchange.getRequestMethod(), path, e);
        send(
            exchange,
            500,
            St2Values.object().put("faultstring", "Internal Server Error"),
            Map.of());
      }
    } finally {
      exchange.close();
    }
  }

  private void serveStream(HttpExchange exchange, Map<String, String> query) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      throw new ApiError(405, "The method is not allowed for this resource.");
    }
    faults.beforeStreamConnection();
    auth.authenticate(exchange.getRequestHeaders(), query);
    stream.serve(exchange, EventStream.globs(query.get("events")));
  }

  private Answer dispatch(
      HttpExchange exchange, String path, Map<String, String> query, byte[] body) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher matcher = route.path().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(exchange.getRequestMethod())) {
        continue;
      }
      String user =
          route.authenticated() ? auth.authenticate(exchange.getRequestHeaders(), query) : null;
      return route
          .endpoint()
          .handle(new Call(user, exchange.getRequestHeaders(), query, json(body), matcher));
    }
    if (pathKnown) {
      throw new ApiError(405, "The method is not allowed for this resource.");
    }
    throw ApiError.notFound("The resource could not be found.");
  }

  // --- auth (contract §2) -------------------------------------------------------------------

  private Answer issueToken(Call call) {
    return new Answer(
        201, auth.issueToken(call.headers(), call.body()), Map.of("X-API-URL", apiUrl));
  }

  private Answer validateToken(Call call) {
    JsonNode token = call.body().path("token");
    return new Answer(
        200,
        St2Values.object().put("valid", auth.isValid(token.isTextual() ? token.asText() : null)));
  }

  // --- aliases (contract §3) ----------------------------------------------------------------

  private Answer listAliases(Call call) {
    String name = call.query().get("name");
    String pack = call.query().get("pack");
    List<ObjectNode> matching =
        aliases.all().stream()
            .filter(a -> name == null || a.get("name").asText().equals(name))
            .filter(a -> pack == null || a.get("pack").asText().equals(pack))
            .toList();
    return page(matching, call.query());
  }

  private Answer getAlias(Call call) {
    String refOrId = decode(call.path().group(1));
    return new Answer(
        200,
        aliases
            .byRefOrId(refOrId)
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "Resource with a reference or id \"" + refOrId + "\" not found")));
  }

  private Answer matchAlias(Call call) {
    BodySchema.ALIAS_MATCH.validate(call.body());
    MatchResult result = aliases.matcher().match(call.body().get("command").asText());
    if (result instanceof MatchResult.Ambiguous ambiguous) {
      throw ApiError.badRequest(ambiguous.st2Faultstring());
    }
    if (result instanceof MatchResult.NoMatch noMatch) {
      throw ApiError.badRequest(noMatch.st2Faultstring());
    }
    MatchResult.Matched matched = (MatchResult.Matched) result;
    ObjectNode answer = St2Values.object();
    answer.set("actionalias", aliases.byRefOrId(matched.alias().ref()).orElseThrow());
    answer.put("display", matched.display());
    answer.put("representation", matched.representation());
    return new Answer(200, answer);
  }

  private Answer help(Call call) {
    int limit = integer(call.query(), "limit", 100);
    int offset = integer(call.query(), "offset", 0);
    HelpRequest request;
    try {
      request =
          new HelpRequest(call.query().get("pack"), call.query().get("filter"), offset, limit);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    HelpResult result = AliasHelp.help(aliases.matcherAliases(), request);
    if (!(result instanceof HelpPage page)) {
      // st2 lets re.error escape from re.search: a server error.
      throw new ApiError(500, "Internal Server Error");
    }
    ObjectNode answer = St2Values.object();
    // The real key; openapi's ActionAliasHelp misspells it "avaliable" (contract §3.3).
    answer.put("available", page.available());
    ArrayNode helpstrings = answer.putArray("helpstrings");
    for (HelpEntry entry : page.entries()) {
      helpstrings
          .addObject()
          .put("pack", entry.pack())
          .put("display", entry.display())
          .put("description", entry.description());
    }
    return new Answer(200, answer);
  }

  // --- alias execution (contract §4) --------------------------------------------------------

  private Answer executeAlias(Call call) {
    return new Answer(201, aliasExecutions.execute(call.body(), call.user()));
  }

  private Answer matchAndExecute(Call call) {
    return new Answer(201, aliasExecutions.matchAndExecute(call.body(), call.user()));
  }

  // --- executions (contract §5) -------------------------------------------------------------

  private Answer createExecution(Call call) {
    JsonNode body = call.body();
    BodySchema.EXECUTION_REQUEST.validate(body);
    String ref = body.get("action").asText();
    ActionSpec action =
        actions
            .find(ref)
            .orElseThrow(() -> ApiError.badRequest("Action \"" + ref + "\" cannot be found."));
    ObjectNode context = body.has("context") ? body.get("context").deepCopy() : St2Values.object();
    String header = call.headers().getFirst("st2-context");
    if (header != null && !header.isEmpty()) {
      JsonNode extra = parse(header, "Unable to convert st2-context from the headers into JSON.");
      if (!extra.isObject()) {
        throw ApiError.badRequest("Unable to convert st2-context from the headers into JSON.");
      }
      context.setAll((ObjectNode) extra);
    }
    String asUser = body.path("user").asText("");
    context.put("user", asUser.isEmpty() ? call.user() : asUser);
    context.put("pack", action.pack());
    ObjectNode parameters =
        body.has("parameters") ? body.get("parameters").deepCopy() : St2Values.object();
    JsonNode onComplete = body.path("notify").path("on-complete");
    Executions.Notify notify =
        onComplete.isObject()
            ? new Executions.Notify(
                onComplete.path("routes").path(0).asText(null), onComplete.path("data"))
            : null;
    return new Answer(201, executions.create(action, parameters, context, notify, null));
  }

  /** {@code GET /api/v1/actions}, paged; {@code include_attributes} is accepted and ignored. */
  private Answer listActions(Call call) {
    return page(actions.all().stream().map(ActionSpec::st2Json).toList(), call.query());
  }

  private Answer listRunnerTypes(Call call) {
    return page(RunnerTypes.st2Json(), call.query());
  }

  private Answer getExecution(Call call) {
    String id = decode(call.path().group(1));
    return new Answer(
        200,
        executions
            .get(id)
            .orElseThrow(
                () -> ApiError.notFound("Unable to identify resource with id \"" + id + "\".")));
  }

  private Answer listExecutions(Call call) {
    Map<String, String> q = call.query();
    List<Predicate<JsonNode>> filters = new ArrayList<>();
    Optional.ofNullable(q.get("action"))
        .ifPresent(a -> filters.add(e -> e.path("action").path("ref").asText().equals(a)));
    Optional.ofNullable(q.get("status"))
        .ifPresent(s -> filters.add(e -> e.path("status").asText().equals(s)));
    Optional.ofNullable(q.get("user"))
        .ifPresent(u -> filters.add(e -> e.path("context").path("user").asText().equals(u)));
    Optional.ofNullable(q.get("id"))
        .ifPresent(
            ids -> {
              Set<String> wanted = Set.of(ids.split(","));
              filters.add(e -> wanted.contains(e.path("id").asText()));
            });
    Optional.ofNullable(q.get("timestamp_gt"))
        .map(St2Routes::timestamp)
        .ifPresent(t -> filters.add(e -> start(e).isAfter(t)));
    Optional.ofNullable(q.get("timestamp_lt"))
        .map(St2Routes::timestamp)
        .ifPresent(t -> filters.add(e -> start(e).isBefore(t)));
    Predicate<JsonNode> all = filters.stream().reduce(e -> true, Predicate::and);
    return page(executions.list(all), q);
  }

  private static Instant start(JsonNode execution) {
    return St2Values.parseTimestamp(execution.get("start_timestamp").asText());
  }

  private static Instant timestamp(String value) {
    try {
      return St2Values.parseTimestamp(value);
    } catch (RuntimeException e) {
      throw ApiError.badRequest("Invalid timestamp: \"" + value + "\"");
    }
  }

  // --- plumbing -----------------------------------------------------------------------------

  /**
   * st2's paging ({@code st2api/controllers/resource.py::_get_all}, contract §3.1): a plain array,
   * {@code X-Total-Count}, and {@code X-Limit} when a limit applies; {@code limit=-1} is
   * everything.
   */
  private static Answer page(List<ObjectNode> items, Map<String, String> query) {
    int limit = integer(query, "limit", 100);
    int offset = Math.max(0, integer(query, "offset", 0));
    if (limit == 0 || limit <= -2) {
      throw ApiError.badRequest("Limit, \"" + limit + "\" specified, must be a positive number.");
    }
    int from = Math.min(offset, items.size());
    int to = limit == -1 ? items.size() : (int) Math.min((long) from + limit, items.size());
    ArrayNode array = St2Values.NODES.arrayNode();
    items.subList(from, to).forEach(array::add);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Total-Count", Integer.toString(items.size()));
    if (limit > 0) {
      headers.put("X-Limit", Integer.toString(limit));
    }
    return new Answer(200, array, headers);
  }

  private static int integer(Map<String, String> query, String name, int fallback) {
    String value = query.get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.matches("^-?[0-9]+$")) {
      throw ApiError.badRequest("Parameter \"" + name + "\" is not of type integer");
    }
    return Integer.parseInt(value);
  }

  /** An empty body counts as {@code {}}, as st2's router makes it. */
  private static JsonNode json(byte[] body) {
    if (body.length == 0) {
      return St2Values.object();
    }
    return parse(new String(body, StandardCharsets.UTF_8), null);
  }

  private static JsonNode parse(String text, String faultstring) {
    try {
      return St2Values.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest(
          faultstring != null
              ? faultstring
              : "Failed to parse request body: " + e.getOriginalMessage());
    }
  }

  /** The last value of each parameter wins, as webob's {@code GET.get} returns it. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private void record(HttpExchange exchange, String path, String rawQuery, byte[] body) {
    if (requestLog == 0) {
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!SECRET_HEADERS.contains(lower)) {
                headers.put(lower, List.copyOf(values));
              }
            });
    String maskedQuery =
        rawQuery == null ? "" : "?" + SECRET_QUERY.matcher(rawQuery).replaceAll("$1***");
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestMethod(),
            path + maskedQuery,
            headers,
            new String(body, StandardCharsets.UTF_8),
            clock.instant());
    synchronized (recorded) {
      recorded.addLast(request);
      if (recorded.size() > requestLog) {
        recorded.pollFirst();
      }
    }
  }

  private static void send(
      HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = St2Values.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
