package switchboard.dispatcher;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import switchboard.dispatcher.calls.CallSettings;
import switchboard.dispatcher.execution.DispatchSettings;
import switchboard.dispatcher.identity.LinkConfig;
import switchboard.dispatcher.identity.LinkSettings;
import switchboard.dispatcher.results.ResultSettings;
import switchboard.dispatcher.stackstorm.StackStormCredentials;
import switchboard.dispatcher.stackstorm.StackStormSettings;
import switchboard.schemas.ComponentConfigs;

/**
 * The dispatcher's settings: {@code dispatcher.*} keys defined below, and Kafka client settings
 * under {@code kafka.} (prefix stripped, e.g. {@code kafka.bootstrap.servers}), as style.md §3 and
 * §4 name them. Credentials are {@link Type#PASSWORD}s and print as {@code [hidden]}.
 */
public final class DispatcherConfig extends AbstractConfig {

  /** Kafka client settings pass through under this prefix. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String ST2_URL_CONFIG = "dispatcher.st2.url";
  private static final String ST2_URL_DOC =
      "StackStorm behind its nginx, as installed, e.g. https://st2.example.com: the API, auth and"
          + " stream services are reached at /api/v1, /auth/v1 and /stream/v1 below it (contract"
          + " §1). Either this or all three of dispatcher.st2.api.url, dispatcher.st2.auth.url and"
          + " dispatcher.st2.stream.url; any of those three given overrides its part.";

  public static final String ST2_API_URL_CONFIG = "dispatcher.st2.api.url";
  private static final String ST2_API_URL_DOC =
      "st2api's versioned base, e.g. http://st2:9101/v1 without nginx; overrides the part of"
          + " dispatcher.st2.url.";

  public static final String ST2_AUTH_URL_CONFIG = "dispatcher.st2.auth.url";
  private static final String ST2_AUTH_URL_DOC =
      "st2auth's versioned base, e.g. http://st2:9100/v1 without nginx; /tokens is appended."
          + " Needed only with a user name and password.";

  public static final String ST2_STREAM_URL_CONFIG = "dispatcher.st2.stream.url";
  private static final String ST2_STREAM_URL_DOC =
      "st2stream's versioned base, e.g. http://st2:9102/v1 without nginx; /stream is appended.";

  public static final String ST2_API_KEY_CONFIG = "dispatcher.st2.api.key";
  private static final String ST2_API_KEY_DOC =
      "A StackStorm API key (st2 apikey create), sent as St2-Api-Key. Takes precedence over a"
          + " token and over a user name and password, as in hubot (contract §8.1).";

  public static final String ST2_AUTH_TOKEN_CONFIG = "dispatcher.st2.auth.token";
  private static final String ST2_AUTH_TOKEN_DOC =
      "A StackStorm auth token issued elsewhere (st2 auth), sent as X-Auth-Token; never renewed,"
          + " so the dispatcher stops when it expires. Used when no API key is set.";

  public static final String ST2_USERNAME_CONFIG = "dispatcher.st2.username";
  private static final String ST2_USERNAME_DOC =
      "StackStorm user to obtain tokens as, with dispatcher.st2.password; the token is renewed"
          + " before it expires. Under RBAC every ChatOps execution runs as this user (contract"
          + " §2).";

  public static final String ST2_PASSWORD_CONFIG = "dispatcher.st2.password";
  private static final String ST2_PASSWORD_DOC = "Password of dispatcher.st2.username.";

  public static final String ST2_CA_BUNDLE_CONFIG = "dispatcher.st2.ca.bundle";
  private static final String ST2_CA_BUNDLE_DOC =
      "PEM file of the certificate authorities to trust for StackStorm's TLS instead of the"
          + " JDK's; empty for the JDK's.";

  public static final String ST2_TLS_VERIFY_CONFIG = "dispatcher.st2.tls.verify";
  private static final String ST2_TLS_VERIFY_DOC =
      "false turns certificate and host name checks towards StackStorm off, for labs only; logged"
          + " at WARN. Prefer dispatcher.st2.ca.bundle.";

  public static final String ST2_TIMEOUT_MS_CONFIG = "dispatcher.st2.timeout.ms";
  private static final String ST2_TIMEOUT_MS_DOC =
      "Connect and response timeout of every StackStorm call, in milliseconds. A call that times"
          + " out counts as StackStorm being unavailable; before it is retried the dispatcher"
          + " looks for the execution it may have created.";

  public static final String NOTIFICATION_ROUTE_CONFIG = "dispatcher.notification.route";
  private static final String NOTIFICATION_ROUTE_DOC =
      "The notification_route of every alias execution, and so the announcement route results"
          + " come back on (st2.announcement__<route>). StackStorm needs a rule passing the route"
          + " on, like the chatops pack's notify_errbot (contract §7). Letters, digits, '-' and '_'"
          + " only: a route with a dot never reaches the stream (contract §6).";

  public static final String RETRY_INITIAL_BACKOFF_MS_CONFIG =
      "dispatcher.retry.initial.backoff.ms";
  private static final String RETRY_INITIAL_BACKOFF_MS_DOC =
      "Wait after the first failed attempt at a command while StackStorm is unavailable"
          + " (connection refused, timeout, 5xx, 429), in milliseconds; later waits grow by"
          + " dispatcher.retry.backoff.multiplier. A Retry-After from StackStorm wins.";

  public static final String RETRY_BACKOFF_MULTIPLIER_CONFIG =
      "dispatcher.retry.backoff.multiplier";
  private static final String RETRY_BACKOFF_MULTIPLIER_DOC =
      "Factor by which the wait grows after each further failed attempt.";

  public static final String RETRY_MAX_BACKOFF_MS_CONFIG = "dispatcher.retry.max.backoff.ms";
  private static final String RETRY_MAX_BACKOFF_MS_DOC =
      "The longest single wait between two attempts at a command, in milliseconds.";

  public static final String RETRY_JITTER_CONFIG = "dispatcher.retry.jitter";
  private static final String RETRY_JITTER_DOC =
      "Randomisation of each wait, from 0 (exact) to 1 (anywhere between zero and twice the"
          + " wait), so commands queued together do not retry together.";

  public static final String CIRCUIT_FAILURE_RATE_CONFIG = "dispatcher.circuit.failure.rate";
  private static final String CIRCUIT_FAILURE_RATE_DOC =
      "Percentage of failed StackStorm calls, over dispatcher.circuit.window.size calls, that"
          + " opens the circuit breaker: then calls fail at once, without reaching StackStorm,"
          + " until dispatcher.circuit.open.ms has passed and a few probe calls succeed.";

  public static final String CIRCUIT_WINDOW_SIZE_CONFIG = "dispatcher.circuit.window.size";
  private static final String CIRCUIT_WINDOW_SIZE_DOC =
      "Number of recent StackStorm calls the circuit breaker's failure rate is measured over.";

  public static final String CIRCUIT_OPEN_MS_CONFIG = "dispatcher.circuit.open.ms";
  private static final String CIRCUIT_OPEN_MS_DOC =
      "How long an open circuit breaker refuses StackStorm calls before letting probes through,"
          + " in milliseconds.";

  public static final String GIVE_UP_AFTER_MS_CONFIG = "dispatcher.give.up.after.ms";
  private static final String GIVE_UP_AFTER_MS_DOC =
      "How long a command may wait for an unavailable StackStorm, in milliseconds. Its user is"
          + " told once that it is queued; after this long it is abandoned with a reply saying"
          + " so, and recorded ABANDONED in the ledger.";

  public static final String RESULT_GRACE_MS_CONFIG = "dispatcher.result.grace.ms";
  private static final String RESULT_GRACE_MS_DOC =
      "How long after an execution ended its result announcement may take, in milliseconds."
          + " After that StackStorm renders the result itself (chatops.format_execution_result"
          + " through the executions API), so no result is lost with a lost stream event.";

  public static final String RESULT_FORMAT_TIMEOUT_MS_CONFIG =
      "dispatcher.result.format.timeout.ms";
  private static final String RESULT_FORMAT_TIMEOUT_MS_DOC =
      "How long chatops.format_execution_result may take before the fallback is tried again, in"
          + " milliseconds.";

  public static final String RECONCILE_INTERVAL_MS_CONFIG = "dispatcher.reconcile.interval.ms";
  private static final String RECONCILE_INTERVAL_MS_DOC =
      "How often every execution in flight is read back through GET /api/v1/executions/{id}, in"
          + " milliseconds; it also happens after every stream reconnect, since the stream has no"
          + " event ids and loses what happened while it was down (contract §6).";

  public static final String RECONCILE_LOOKBACK_MS_CONFIG = "dispatcher.reconcile.lookback.ms";
  private static final String RECONCILE_LOOKBACK_MS_DOC =
      "When a command may already have reached StackStorm (PENDING after a crash, or a call that"
          + " failed without an answer), its execution is looked for among those started since"
          + " the PENDING entry was written minus this margin, in milliseconds: room for clocks"
          + " that differ between the dispatcher and StackStorm.";

  public static final String ALIAS_RESYNC_INTERVAL_MS_CONFIG =
      "dispatcher.alias.resync.interval.ms";
  private static final String ALIAS_RESYNC_INTERVAL_MS_DOC =
      "How often the whole alias catalogue is loaded from StackStorm and the difference published"
          + " to chatops.aliases, in milliseconds, besides following alias events on the stream"
          + " and resyncing after every stream reconnect.";

  public static final String GROUP_ID_CONFIG = "dispatcher.group.id";
  private static final String GROUP_ID_DOC =
      "Consumer group of the dispatchers reading chatops.commands; instances of one group share"
          + " the commands' partitions. It wins over kafka.group.id.";

  public static final String INSTANCE_ID_CONFIG = "dispatcher.instance.id";
  private static final String INSTANCE_ID_DOC =
      "Names this instance in its group. The transactional id <group id>-<instance id> must stay"
          + " the same across restarts, so a restarted instance fences its crashed predecessor and"
          + " aborts what it left open at once, and must differ between instances running at the"
          + " same time. Empty for the host name.";

  public static final String CALL_THREADS_CONFIG = "dispatcher.call.threads";
  private static final String CALL_THREADS_DOC =
      "Threads that call StackStorm. A slow call holds one, so this many slow commands can be"
          + " under way before others wait; commands waiting between retries hold none.";

  public static final String MAX_IN_FLIGHT_CONFIG = "dispatcher.max.in.flight";
  private static final String MAX_IN_FLIGHT_DOC =
      "Commands read but not yet settled above which reading chatops.commands pauses"
          + " (back-pressure, for example while StackStorm is down); it resumes below.";

  public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "dispatcher.shutdown.timeout.ms";
  private static final String SHUTDOWN_TIMEOUT_MS_DOC =
      "On close or when partitions move to another instance, how long to wait for StackStorm"
          + " calls under way to finish and be recorded, in milliseconds. Commands waiting for a"
          + " retry are left PENDING and reconciled by whoever reads them next.";

  public static final String STARTUP_TIMEOUT_MS_CONFIG = "dispatcher.startup.timeout.ms";
  private static final String STARTUP_TIMEOUT_MS_DOC =
      "How long start-up may take to read the dispatch ledger and the published aliases, in"
          + " milliseconds.";

  /** The consumer group of every dispatcher unless {@value #GROUP_ID_CONFIG} says otherwise. */
  public static final String DEFAULT_GROUP_ID = "switchboard-dispatcher";

  private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(ST2_URL_CONFIG, Type.STRING, "", Importance.HIGH, ST2_URL_DOC)
          .define(ST2_API_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, ST2_API_URL_DOC)
          .define(ST2_AUTH_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, ST2_AUTH_URL_DOC)
          .define(ST2_STREAM_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, ST2_STREAM_URL_DOC)
          .define(ST2_API_KEY_CONFIG, Type.PASSWORD, null, Importance.HIGH, ST2_API_KEY_DOC)
          .define(ST2_AUTH_TOKEN_CONFIG, Type.PASSWORD, null, Importance.HIGH, ST2_AUTH_TOKEN_DOC)
          .define(ST2_USERNAME_CONFIG, Type.STRING, "", Importance.HIGH, ST2_USERNAME_DOC)
          .define(ST2_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, ST2_PASSWORD_DOC)
          .define(ST2_CA_BUNDLE_CONFIG, Type.STRING, "", Importance.MEDIUM, ST2_CA_BUNDLE_DOC)
          .define(ST2_TLS_VERIFY_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, ST2_TLS_VERIFY_DOC)
          .define(
              ST2_TIMEOUT_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.atLeast(1),
              Importance.LOW,
              ST2_TIMEOUT_MS_DOC)
          .define(
              NOTIFICATION_ROUTE_CONFIG,
              Type.STRING,
              "switchboard",
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    if (value == null || !ROUTE.matcher(value.toString()).matches()) {
                      throw new ConfigException(
                          name,
                          value,
                          "must be letters, digits, '-' and '_', starting with a letter or digit;"
                              + " a dot keeps announcements from reaching the stream");
                    }
                  },
                  () -> "[A-Za-z0-9][A-Za-z0-9_-]*"),
              Importance.MEDIUM,
              NOTIFICATION_ROUTE_DOC)
          .define(
              RETRY_INITIAL_BACKOFF_MS_CONFIG,
              Type.LONG,
              1_000L,
              Range.atLeast(1),
              Importance.LOW,
              RETRY_INITIAL_BACKOFF_MS_DOC)
          .define(
              RETRY_BACKOFF_MULTIPLIER_CONFIG,
              Type.DOUBLE,
              2.0,
              Range.atLeast(1.0),
              Importance.LOW,
              RETRY_BACKOFF_MULTIPLIER_DOC)
          .define(
              RETRY_MAX_BACKOFF_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.atLeast(1),
              Importance.LOW,
              RETRY_MAX_BACKOFF_MS_DOC)
          .define(
              RETRY_JITTER_CONFIG,
              Type.DOUBLE,
              0.5,
              Range.between(0.0, 1.0),
              Importance.LOW,
              RETRY_JITTER_DOC)
          .define(
              CIRCUIT_FAILURE_RATE_CONFIG,
              Type.INT,
              50,
              Range.between(1, 100),
              Importance.LOW,
              CIRCUIT_FAILURE_RATE_DOC)
          .define(
              CIRCUIT_WINDOW_SIZE_CONFIG,
              Type.INT,
              10,
              Range.atLeast(1),
              Importance.LOW,
              CIRCUIT_WINDOW_SIZE_DOC)
          .define(
              CIRCUIT_OPEN_MS_CONFIG,
              Type.LONG,
              10_000L,
              Range.atLeast(1),
              Importance.LOW,
              CIRCUIT_OPEN_MS_DOC)
          .define(
              GIVE_UP_AFTER_MS_CONFIG,
              Type.LONG,
              300_000L,
              Range.atLeast(0),
              Importance.MEDIUM,
              GIVE_UP_AFTER_MS_DOC)
          .define(
              RESULT_GRACE_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.atLeast(0),
              Importance.MEDIUM,
              RESULT_GRACE_MS_DOC)
          .define(
              RESULT_FORMAT_TIMEOUT_MS_CONFIG,
              Type.LONG,
              60_000L,
              Range.atLeast(1),
              Importance.LOW,
              RESULT_FORMAT_TIMEOUT_MS_DOC)
          .define(
              RECONCILE_INTERVAL_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.atLeast(1),
              Importance.MEDIUM,
              RECONCILE_INTERVAL_MS_DOC)
          .define(
              RECONCILE_LOOKBACK_MS_CONFIG,
              Type.LONG,
              300_000L,
              Range.atLeast(0),
              Importance.LOW,
              RECONCILE_LOOKBACK_MS_DOC)
          .define(
              ALIAS_RESYNC_INTERVAL_MS_CONFIG,
              Type.LONG,
              120_000L,
              Range.atLeast(1),
              Importance.MEDIUM,
              ALIAS_RESYNC_INTERVAL_MS_DOC)
          .define(
              GROUP_ID_CONFIG,
              Type.STRING,
              DEFAULT_GROUP_ID,
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              GROUP_ID_DOC)
          .define(INSTANCE_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, INSTANCE_ID_DOC)
          .define(
              CALL_THREADS_CONFIG,
              Type.INT,
              8,
              Range.atLeast(1),
              Importance.MEDIUM,
              CALL_THREADS_DOC)
          .define(
              MAX_IN_FLIGHT_CONFIG,
              Type.INT,
              1_000,
              Range.atLeast(1),
              Importance.MEDIUM,
              MAX_IN_FLIGHT_DOC)
          .define(
              SHUTDOWN_TIMEOUT_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.atLeast(0),
              Importance.LOW,
              SHUTDOWN_TIMEOUT_MS_DOC)
          .define(
              STARTUP_TIMEOUT_MS_CONFIG,
              Type.LONG,
              60_000L,
              Range.atLeast(1),
              Importance.LOW,
              STARTUP_TIMEOUT_MS_DOC);

  static {
    // The link page's keys live beside the page; one ConfigDef still validates them all at once.
    LinkConfig.CONFIG.configKeys().values().forEach(CONFIG::define);
  }

  private DispatcherConfig(Map<String, String> originals) {
    super(CONFIG, originals);
  }

  /**
   * Validates every key at once and reports all problems in one exception, each naming its key.
   *
   * @param originals {@code dispatcher.*} and {@code kafka.*} settings; {@code
   *     kafka.bootstrap.servers}, where StackStorm is, and one kind of credentials are required
   * @throws ConfigException listing every invalid or missing setting; never a secret's value
   */
  public static DispatcherConfig from(Map<String, String> originals) {
    List<String> problems = ComponentConfigs.problems(CONFIG, originals);
    problems.addAll(stackStormProblems(originals));
    problems.addAll(LinkConfig.problems(originals));
    if (!problems.isEmpty()) {
      throw new ConfigException("invalid dispatcher configuration: " + String.join("; ", problems));
    }
    return new DispatcherConfig(originals);
  }

  /** Every {@code dispatcher.*} key with its type, default, validator and doc. */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG);
  }

  /** Where StackStorm is, who the dispatcher is to it, and how to trust its TLS. */
  public StackStormSettings stackStormSettings() {
    String base = getString(ST2_URL_CONFIG);
    StackStormSettings settings =
        new StackStormSettings(
            url(ST2_API_URL_CONFIG, base, "/api/v1"),
            url(ST2_AUTH_URL_CONFIG, base, "/auth/v1"),
            url(ST2_STREAM_URL_CONFIG, base, "/stream/v1"),
            credentials(),
            null,
            getBoolean(ST2_TLS_VERIFY_CONFIG),
            Duration.ofMillis(getLong(ST2_TIMEOUT_MS_CONFIG)));
    String caBundle = getString(ST2_CA_BUNDLE_CONFIG);
    return caBundle.isEmpty() ? settings : settings.withCaBundle(Path.of(caBundle));
  }

  /** The self-service link page, or empty when {@value LinkConfig#ENABLED_CONFIG} is false. */
  public Optional<LinkSettings> linkSettings() {
    return new LinkConfig(originals()).settings();
  }

  public CallSettings callSettings() {
    return new CallSettings(
        Duration.ofMillis(getLong(RETRY_INITIAL_BACKOFF_MS_CONFIG)),
        getDouble(RETRY_BACKOFF_MULTIPLIER_CONFIG),
        getDouble(RETRY_JITTER_CONFIG),
        Duration.ofMillis(getLong(RETRY_MAX_BACKOFF_MS_CONFIG)),
        getInt(CIRCUIT_FAILURE_RATE_CONFIG),
        getInt(CIRCUIT_WINDOW_SIZE_CONFIG),
        Duration.ofMillis(getLong(CIRCUIT_OPEN_MS_CONFIG)));
  }

  public DispatchSettings dispatchSettings() {
    return new DispatchSettings(
        notificationRoute(),
        Duration.ofMillis(getLong(GIVE_UP_AFTER_MS_CONFIG)),
        Duration.ofMillis(getLong(RECONCILE_LOOKBACK_MS_CONFIG)),
        shutdownTimeout());
  }

  public ResultSettings resultSettings() {
    return new ResultSettings(
        notificationRoute(),
        Duration.ofMillis(getLong(RESULT_GRACE_MS_CONFIG)),
        Duration.ofMillis(getLong(RECONCILE_INTERVAL_MS_CONFIG)),
        Duration.ofMillis(getLong(RESULT_FORMAT_TIMEOUT_MS_CONFIG)));
  }

  public String notificationRoute() {
    return getString(NOTIFICATION_ROUTE_CONFIG);
  }

  public Duration aliasResyncInterval() {
    return Duration.ofMillis(getLong(ALIAS_RESYNC_INTERVAL_MS_CONFIG));
  }

  public int callThreads() {
    return getInt(CALL_THREADS_CONFIG);
  }

  public int maxInFlight() {
    return getInt(MAX_IN_FLIGHT_CONFIG);
  }

  public Duration shutdownTimeout() {
    return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS_CONFIG));
  }

  public Duration startupTimeout() {
    return Duration.ofMillis(getLong(STARTUP_TIMEOUT_MS_CONFIG));
  }

  /** {@code <group id>-<instance id>}: stable across restarts, unique per running instance. */
  public String transactionalId() {
    String instance = getString(INSTANCE_ID_CONFIG);
    if (instance.isEmpty()) {
      try {
        instance = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        instance = UUID.randomUUID().toString();
      }
    }
    return getString(GROUP_ID_CONFIG) + "-" + instance;
  }

  /**
   * The consumer of chatops.commands: offsets are committed only through the journal's
   * transactions, and only committed records are read.
   */
  public Map<String, Object> commandConsumerConfig() {
    Map<String, Object> config = kafkaSettings(ConsumerConfig.configNames());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, getString(GROUP_ID_CONFIG));
    // A new group starts at the end: replaying a week of old commands against StackStorm on the
    // first deployment would run them again.
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }

  /**
   * A group-less consumer that reads a compacted topic (the ledger, the aliases) from the start.
   */
  public Map<String, Object> tableConsumerConfig() {
    Map<String, Object> config = kafkaSettings(ConsumerConfig.configNames());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }

  /** The journal's transactional producer. */
  public Map<String, Object> journalProducerConfig() {
    Map<String, Object> config = kafkaSettings(ProducerConfig.configNames());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /**
   * The producer of the alias catalogue and of self-service links: idempotent, not transactional.
   */
  public Map<String, Object> tableProducerConfig() {
    Map<String, Object> config = kafkaSettings(ProducerConfig.configNames());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  private URI url(String key, String base, String suffix) {
    String explicit = getString(key);
    if (!explicit.isEmpty()) {
      return URI.create(explicit);
    }
    return URI.create(stripSlash(base) + suffix);
  }

  /** hubot's precedence (contract §8.1): API key, then token, then user name and password. */
  private StackStormCredentials credentials() {
    Password key = getPassword(ST2_API_KEY_CONFIG);
    if (key != null && !key.value().isEmpty()) {
      return new StackStormCredentials.ApiKey(key.value());
    }
    Password token = getPassword(ST2_AUTH_TOKEN_CONFIG);
    if (token != null && !token.value().isEmpty()) {
      return new StackStormCredentials.Token(token.value());
    }
    return new StackStormCredentials.UserPassword(
        getString(ST2_USERNAME_CONFIG), getPassword(ST2_PASSWORD_CONFIG).value());
  }

  /** Cross-key checks: where StackStorm is, and exactly what proves who we are. */
  private static List<String> stackStormProblems(Map<String, String> originals) {
    List<String> problems = new ArrayList<>();
    String base = originals.getOrDefault(ST2_URL_CONFIG, "");
    for (String key : List.of(ST2_API_URL_CONFIG, ST2_STREAM_URL_CONFIG)) {
      if (base.isEmpty() && originals.getOrDefault(key, "").isEmpty()) {
        problems.add(
            "Missing \"" + ST2_URL_CONFIG + "\" (StackStorm behind nginx) or \"" + key + "\"");
      }
    }
    for (String key :
        List.of(ST2_URL_CONFIG, ST2_API_URL_CONFIG, ST2_AUTH_URL_CONFIG, ST2_STREAM_URL_CONFIG)) {
      String value = originals.getOrDefault(key, "");
      if (!value.isEmpty() && !isHttpUrl(value)) {
        problems.add("\"" + key + "\" must be an http or https URL: " + value);
      }
    }
    boolean key = !originals.getOrDefault(ST2_API_KEY_CONFIG, "").isEmpty();
    boolean token = !originals.getOrDefault(ST2_AUTH_TOKEN_CONFIG, "").isEmpty();
    boolean user = !originals.getOrDefault(ST2_USERNAME_CONFIG, "").isEmpty();
    boolean password = !originals.getOrDefault(ST2_PASSWORD_CONFIG, "").isEmpty();
    if (!key && !token) {
      if (!user && !password) {
        problems.add(
            "No StackStorm credentials: set \""
                + ST2_API_KEY_CONFIG
                + "\", \""
                + ST2_AUTH_TOKEN_CONFIG
                + "\", or \""
                + ST2_USERNAME_CONFIG
                + "\" with \""
                + ST2_PASSWORD_CONFIG
                + "\"");
      } else if (user != password) {
        // hubot refuses half a user/password pair too (contract §8.1).
        problems.add(
            "\"" + ST2_USERNAME_CONFIG + "\" and \"" + ST2_PASSWORD_CONFIG + "\" go together");
      } else if (base.isEmpty() && originals.getOrDefault(ST2_AUTH_URL_CONFIG, "").isEmpty()) {
        problems.add(
            "A user name and password need \""
                + ST2_URL_CONFIG
                + "\" or \""
                + ST2_AUTH_URL_CONFIG
                + "\" to get tokens from");
      }
    }
    String caBundle = originals.getOrDefault(ST2_CA_BUNDLE_CONFIG, "");
    if (!caBundle.isEmpty() && !Files.isReadable(Path.of(caBundle))) {
      problems.add("\"" + ST2_CA_BUNDLE_CONFIG + "\" is not a readable file: " + caBundle);
    }
    return problems;
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = URI.create(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Only the client's own keys, so a consumer setting never warns as unknown in the producer. */
  private Map<String, Object> kafkaSettings(Set<String> known) {
    Map<String, Object> settings = new HashMap<>();
    originalsWithPrefix(KAFKA_PREFIX)
        .forEach(
            (key, value) -> {
              if (known.contains(key)) {
                settings.put(key, value);
              }
            });
    return settings;
  }
}
