package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.matcher.catalog.AliasCatalogReader;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;

/**
 * A local stand-in for StackStorm's API, auth and stream services, faithful to the contract in
 * {@code shared/docs/stackstorm-contract.md} §1–§8: st2's nginx paths ({@code /api/v1/...}, {@code
 * /auth/v1/...}, {@code /stream/v1/stream}) on one port, its status codes and faultstrings,
 * simulated executions and chatops announcements, and knobs for the trouble a real deployment
 * makes.
 *
 * <p>It is a test double and the sandbox's pretend StackStorm; it runs no actions. Start one with
 * {@code StackStormDouble.builder().apiKey("k").user("alice", "pw").aliases(list).build().start()}
 * and {@link #close()} it when done. Every method is thread-safe.
 *
 * <p>Conventions a test can rely on are listed in {@code package-info.java}.
 */
public final class StackStormDouble implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StackStormDouble.class);

  private static final List<ActionSpec> BUILT_IN =
      List.of(
          ActionSpec.of("core.local").withRunner("local-shell-cmd"),
          ActionSpec.of("core.remote").withRunner("remote-shell-cmd"),
          ActionSpec.of("core.noop").withRunner("noop"),
          ActionSpec.of(Executions.FORMAT_EXECUTION_RESULT));

  private final HttpServer server;
  private final ExecutorService serverThreads;
  private final ScheduledExecutorService lifecycle;
  private final URI url;
  private final AuthService auth;
  private final AliasStore aliases = new AliasStore();
  private final Map<String, ActionSpec> actions = new ConcurrentHashMap<>();
  private final EventStream stream;
  private final Faults faults;
  private final AnnouncementLoss loss = new AnnouncementLoss();
  private final Executions executions;
  private final St2Routes routes;
  private final AtomicReference<Duration> executionDelay;

  private StackStormDouble(StackStormDoubleConfig config) throws IOException {
    Clock clock = Clock.systemUTC();
    BUILT_IN.forEach(a -> actions.put(a.ref(), a));
    config.actions().forEach(a -> actions.put(a.ref(), a));
    config.aliases().forEach(aliases::put);
    this.auth = new AuthService(config.passwords(), config.apiKeys(), config.tokenTtl(), clock);
    this.stream = new EventStream(config.heartbeat());
    this.faults = new Faults(clock);
    this.executionDelay = new AtomicReference<>(config.executionDelay());
    this.lifecycle = Executors.newSingleThreadScheduledExecutor(daemon("st2-double-executions"));
    this.serverThreads = Executors.newCachedThreadPool(daemon("st2-double-http"));

    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    if (config.sslContext() != null) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(config.sslContext()));
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 0);
    }
    String scheme = config.sslContext() != null ? "https" : "http";
    this.url = URI.create(scheme + "://" + config.host() + ":" + server.getAddress().getPort());
    String webUi = config.webUiBaseUrl() != null ? config.webUiBaseUrl() : url.toString();

    AliasTemplates templates = new AliasTemplates();
    this.executions =
        new Executions(
            lifecycle,
            stream,
            new FormatExecutionResult(aliases, templates),
            loss,
            executionDelay::get,
            () -> webUi,
            clock,
            config.executionHistory());
    AliasExecutionService aliasExecutions =
        new AliasExecutionService(aliases, this::actionOrImplicit, executions, templates);
    this.routes =
        new St2Routes(
            auth,
            aliases,
            executions,
            aliasExecutions,
            new Actions(),
            stream,
            faults,
            clock,
            config.requestLog());
    routes.apiUrl(url + "/api");
    server.createContext("/", routes);
    server.setExecutor(serverThreads);
  }

  /** A builder for the configuration; see {@link StackStormDoubleConfig.Builder}. */
  public static StackStormDoubleConfig.Builder builder() {
    return new StackStormDoubleConfig.Builder();
  }

  /** Starts a double and logs, loudly, that it is one. */
  public static StackStormDouble start(StackStormDoubleConfig config) throws IOException {
    StackStormDouble double_ = new StackStormDouble(config);
    double_.server.start();
    LOG.warn(
        "\n*****************************************************************************\n"
            + "*  StackStorm TEST DOUBLE (sandbox) at {}\n"
            + "*  This is NOT StackStorm: no action runs; executions and results are simulated.\n"
            + "*****************************************************************************",
        double_.url);
    return double_;
  }

  /**
   * The base URL, as nginx would serve st2: append {@code /api}, {@code /auth}, {@code /stream}.
   */
  public URI url() {
    return url;
  }

  @Override
  public void close() {
    stream.dropAll();
    server.stop(0);
    lifecycle.shutdownNow();
    serverThreads.shutdownNow();
    LOG.info("StackStorm test double at {} stopped", url);
  }

  // --- aliases ------------------------------------------------------------------------------

  /**
   * Adds an alias, or replaces the one with the same pack and name, and publishes {@code
   * st2.actionalias__create} or {@code __update}.
   *
   * @param alias st2's JSON shape; keys outside ActionAliasAPI are dropped
   * @return the alias as the API now returns it
   */
  public ObjectNode putAlias(JsonNode alias) {
    AliasStore.Change change = aliases.put(alias);
    stream.publish(
        change.created() ? "st2.actionalias__create" : "st2.actionalias__update", change.alias());
    return change.alias();
  }

  /**
   * Removes the alias with this ref or id and publishes {@code st2.actionalias__delete}.
   *
   * @return whether there was one
   */
  public boolean deleteAlias(String refOrId) {
    Optional<ObjectNode> deleted = aliases.delete(refOrId);
    deleted.ifPresent(a -> stream.publish("st2.actionalias__delete", a));
    return deleted.isPresent();
  }

  /**
   * Loads aliases from a file: a JSON array in st2's shape (all keys kept, {@code
   * immutable_parameters} included), or, through the alias-matcher's {@link AliasCatalogReader}, an
   * alias YAML file or a pack directory (those keep what {@link Alias} holds).
   *
   * @return how many were loaded
   */
  public int loadAliases(Path path) throws IOException {
    if (!Files.isDirectory(path) && path.toString().endsWith(".json")) {
      try (InputStream in = Files.newInputStream(path)) {
        JsonNode array = St2Values.JSON.readTree(in);
        if (!array.isArray()) {
          throw new IOException(path + ": expected a JSON array of action aliases");
        }
        array.forEach(this::putAlias);
        return array.size();
      }
    }
    List<Alias> read = AliasCatalogReader.read(path);
    putAliases(read);
    return read.size();
  }

  /** Adds or replaces aliases given in the alias-matcher's shape. */
  public void putAliases(Collection<Alias> given) {
    given.forEach(a -> putAlias(st2Json(a)));
  }

  /** Every alias, as {@code GET /api/v1/actionalias?limit=-1} answers. */
  public List<ObjectNode> aliases() {
    return aliases.all();
  }

  // --- actions and executions ---------------------------------------------------------------

  /** Adds or replaces a simulated action. */
  public void programAction(ActionSpec spec) {
    actions.put(spec.ref(), spec);
  }

  /** How long new executions take from {@code requested} to their outcome. */
  public void executionDelay(Duration delay) {
    executionDelay.set(delay);
  }

  /**
   * Every execution created so far and not yet beyond the history ({@link
   * StackStormDoubleConfig#executionHistory()}), newest first, as the API returns them.
   */
  public List<ObjectNode> executions() {
    return executions.list(e -> true);
  }

  /** One execution by id. */
  public Optional<ObjectNode> execution(String id) {
    return executions.get(id);
  }

  /**
   * How many executions alias executions created for a request id, carried in the body's {@code
   * source_context.request_id}; 0 when none, or when the id is older than the history ({@link
   * StackStormDoubleConfig#executionHistory()}). Exactly-once tests assert 1.
   */
  public int executionCount(String requestId) {
    return executions.count(requestId);
  }

  /** Request id to the number of executions created for it, for the ids in the history. */
  public Map<String, Integer> executionCountsByRequestId() {
    return executions.countsByRequestId();
  }

  // --- announcements and the stream ---------------------------------------------------------

  /** Loses the announcements of the next {@code count} finished executions that have a route. */
  public void loseNextAnnouncements(int count) {
    loss.next(count);
  }

  /** Loses each announcement with probability {@code p}, reproducibly for a given seed. */
  public void loseAnnouncements(double p, long seed) {
    loss.probability(p, seed);
  }

  /** Stops losing announcements. */
  public void keepAnnouncements() {
    loss.none();
  }

  /** Ids of the executions whose announcement was lost on purpose. */
  public List<String> lostAnnouncements() {
    return executions.lostAnnouncements();
  }

  /** Ends every open stream connection; clients see the stream end and must reconnect. */
  public void dropStreamConnections() {
    stream.dropAll();
  }

  /** Answers the next {@code count} stream connections with 503. */
  public void refuseStreamConnections(int count) {
    faults.refuseStreams(count);
  }

  /** Open stream connections right now. */
  public int streamConnections() {
    return stream.connections();
  }

  public void heartbeatInterval(Duration interval) {
    stream.heartbeat(interval);
  }

  // --- faults -------------------------------------------------------------------------------

  /** Delays every API and auth answer. */
  public void latency(Duration delay) {
    faults.latency(delay);
  }

  /** Answers the next {@code count} API or auth requests with {@code status} and a faultstring. */
  public void failNextRequests(int count, int status, String faultstring) {
    faults.failNext(count, status, faultstring);
  }

  /** Answers every API or auth request for {@code window} with {@code status}. */
  public void failRequestsFor(Duration window, int status, String faultstring) {
    faults.failFor(window, status, faultstring);
  }

  /** Answers the next {@code count} API or auth requests with 429 and {@code Retry-After}. */
  public void throttleNextRequests(int count, Duration retryAfter) {
    faults.throttleNext(count, retryAfter);
  }

  /** Ends latency, planned errors, throttling, refused streams and lost announcements. */
  public void clearFaults() {
    faults.clear();
    loss.none();
  }

  // --- auth ---------------------------------------------------------------------------------

  /** Default and maximum lifetime of tokens issued from now on. */
  public void tokenTtl(Duration ttl) {
    auth.tokenTtl(ttl);
  }

  /** Forgets every issued token: their holders get 401 until they authenticate again. */
  public void revokeTokens() {
    auth.revokeTokens();
  }

  /** Registers a token as if {@code st2 auth} had issued it for {@code user}. */
  public void addToken(String token, String user, Instant expiry) {
    auth.addToken(token, user, expiry);
  }

  // --- observations -------------------------------------------------------------------------

  /**
   * Requests received so far, oldest first, without secrets: the latest {@link
   * StackStormDoubleConfig#requestLog()} of them.
   */
  public List<RecordedRequest> requests() {
    return routes.recorded();
  }

  public void clearRequests() {
    routes.clearRecorded();
  }

  // --- internals ----------------------------------------------------------------------------

  /** A programmed or built-in action, or the implicit action of an alias's action_ref. */
  private Optional<ActionSpec> action(String ref) {
    ActionSpec spec = actions.get(ref);
    if (spec != null) {
      return Optional.of(spec);
    }
    return aliases.aliasesAction(ref) ? Optional.of(ActionSpec.of(ref)) : Optional.empty();
  }

  private ActionSpec actionOrImplicit(String ref) {
    return action(ref).orElseGet(() -> ActionSpec.of(ref));
  }

  private final class Actions implements ActionCatalog {
    @Override
    public Optional<ActionSpec> find(String ref) {
      return action(ref);
    }

    @Override
    public List<ActionSpec> all() {
      Map<String, ActionSpec> all = new TreeMap<>(actions);
      aliases.actionRefs().forEach(ref -> all.computeIfAbsent(ref, ActionSpec::of));
      return List.copyOf(all.values());
    }
  }

  /** The alias-matcher's view back in st2's JSON shape. */
  private static ObjectNode st2Json(Alias alias) {
    ObjectNode json = St2Values.object();
    json.put("name", alias.name());
    json.put("pack", alias.pack());
    if (alias.description() != null) {
      json.put("description", alias.description());
    }
    json.put("enabled", alias.enabled());
    json.put("action_ref", alias.actionRef());
    var formats = json.putArray("formats");
    for (AliasFormatSpec format : alias.formats()) {
      boolean plain =
          !format.matchMultiple()
              && format.representations().size() == 1
              && format.representations().get(0).equals(format.display());
      if (plain) {
        formats.add(format.display());
        continue;
      }
      ObjectNode object = formats.addObject();
      if (format.display() != null) {
        object.put("display", format.display());
      }
      if (!format.representations().equals(List.of(""))) {
        var representation = object.putArray("representation");
        format.representations().forEach(representation::add);
      }
      if (format.matchMultiple()) {
        object.put("match_multiple", true);
      }
    }
    putIfPresent(json, "ack", alias.ack());
    putIfPresent(json, "result", alias.result());
    putIfPresent(json, "extra", alias.extra());
    return json;
  }

  private static void putIfPresent(ObjectNode json, String key, Map<String, Object> value) {
    if (!value.isEmpty()) {
      json.set(key, St2Values.JSON.valueToTree(value));
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
