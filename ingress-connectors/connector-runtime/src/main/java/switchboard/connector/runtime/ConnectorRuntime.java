package switchboard.connector.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.ChatConnector;
import switchboard.connector.ConnectorContext;
import switchboard.records.ChatEvent;
import switchboard.records.DeadLetter;
import switchboard.schemas.DeadLetterSink;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Runs the configured chat connectors and owns everything they must not: the producer, record keys,
 * dead letters and metrics (style.md §5, Kafka Connect's split between worker and task).
 *
 * <pre>{@code
 * try (ConnectorRuntime runtime = ConnectorRuntime.builder()
 *     .config(config)                       // connectors.<instance>.provider=<id> plus its keys
 *     .kafka(Map.of("bootstrap.servers", bootstrap))
 *     .topics(topics).serdes(serdes).build()) {
 *   runtime.start();
 *   Map<String, ChatConnector> byInstance = runtime.connectors(); // what the notifier posts through
 * }
 * }</pre>
 *
 * <p>Events go to {@link Topics#events()} through one idempotent producer ({@code
 * enable.idempotence=true}, {@code acks=all}) keyed by {@code ConversationKeys.of(conversation)},
 * so order holds per conversation; unreadable payloads go to {@link Topics#deadLetters()} with
 * component {@code connector:<instance>} through a second idempotent producer, so a dead letter
 * never queues behind events. Counters: {@value #EVENTS_METRIC} and {@value #DEAD_LETTERS_METRIC},
 * tagged {@code connector}, {@code provider} and {@code outcome} ({@code published} or {@code
 * failed}).
 */
public final class ConnectorRuntime implements AutoCloseable {

  /** Counter of chat events handed to Kafka, by outcome. */
  public static final String EVENTS_METRIC = "switchboard.connector.events";

  /** Counter of unreadable provider payloads dead-lettered, by outcome. */
  public static final String DEAD_LETTERS_METRIC = "switchboard.connector.dead.letters";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuntime.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ConnectorPlan plan;
  private final Topics topics;
  private final Supplier<Producers> producerFactory;
  private final MeterRegistry meters;
  private final Clock clock;

  private final List<ChatConnector> opened = new ArrayList<>();
  private Producers producers;
  private boolean startedOnce;
  private volatile Map<String, ChatConnector> running = Map.of();

  private ConnectorRuntime(Builder builder, ConnectorPlan plan, Supplier<Producers> producers) {
    this.plan = plan;
    this.topics = builder.topics;
    this.producerFactory = producers;
    this.meters = builder.meters;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The instances this runtime starts, in order, validated; available before {@link #start}. */
  public ConnectorPlan plan() {
    return plan;
  }

  /**
   * Opens the producers, then creates and starts each instance in configured order. When one fails,
   * the instances already started and the producers are closed again.
   *
   * @throws IllegalStateException naming the instance that failed, or when called twice
   */
  public synchronized void start() {
    if (startedOnce) {
      throw new IllegalStateException("the connector runtime was already started");
    }
    startedOnce = true;
    producers = producerFactory.get();
    Map<String, ChatConnector> started = new LinkedHashMap<>();
    for (ConnectorPlan.Instance instance : plan.instances()) {
      warnUnusedSettings(instance);
      String provider = instance.provider().id();
      try {
        InboundPublisher sink =
            new InboundPublisher(
                provider,
                instance.name(),
                producers.events(),
                topics.events().name(),
                new DeadLetterSink(
                    producers.deadLetters(), topics, "connector:" + instance.name(), clock),
                meters);
        ChatConnector connector =
            instance
                .provider()
                .create(new ConnectorContext(instance.name(), instance.config(), sink, clock));
        opened.add(connector);
        connector.start();
        started.put(instance.name(), connector);
        LOG.info("connector {} ({}) started", instance.name(), provider);
      } catch (Exception e) {
        close();
        throw new IllegalStateException(
            "connector " + instance.name() + " (provider " + provider + ") failed to start: " + e,
            e);
      }
    }
    running = Collections.unmodifiableMap(started);
  }

  private static void warnUnusedSettings(ConnectorPlan.Instance instance) {
    Set<String> known = instance.provider().configDef().names();
    instance.config().keySet().stream()
        .filter(key -> !known.contains(key))
        .forEach(
            key ->
                LOG.warn(
                    "{} is not a setting of provider {} and is ignored",
                    instance.key(key),
                    instance.provider().id()));
  }

  /**
   * The started connectors by instance name, in configured order, for the notifier to deliver
   * through. Empty before {@link #start} and after {@link #close}; unmodifiable; safe to read from
   * any thread.
   */
  public Map<String, ChatConnector> connectors() {
    return running;
  }

  /** Closes the connectors in reverse start order, then the producers; idempotent. */
  @Override
  public synchronized void close() {
    running = Map.of();
    for (int i = opened.size() - 1; i >= 0; i--) {
      ChatConnector connector = opened.get(i);
      try {
        connector.close();
      } catch (RuntimeException e) {
        LOG.warn("a connector failed to close; closing the rest: {}", e.toString(), e);
      }
    }
    opened.clear();
    if (producers != null) {
      producers.events().close(CLOSE_TIMEOUT);
      producers.deadLetters().close(CLOSE_TIMEOUT);
      producers = null;
    }
  }

  /** The two producers the runtime owns. */
  record Producers(Producer<String, ChatEvent> events, Producer<String, DeadLetter> deadLetters) {}

  /** Configures a runtime; {@link #build} validates everything and performs no I/O. */
  public static final class Builder {

    private Map<String, String> config = Map.of();
    private Map<String, Object> kafka = Map.of();
    private Topics topics = Topics.defaults();
    private RecordSerdes serdes;
    private ProviderCatalog providers;
    private MeterRegistry meters = new SimpleMeterRegistry();
    private Clock clock = Clock.systemUTC();
    private Supplier<Producers> producers;

    private Builder() {}

    /** The component's configuration; only the {@code connectors.*} keys are read. */
    public Builder config(Map<String, String> config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Kafka producer settings ({@code bootstrap.servers}, security, ...), the {@code kafka.} prefix
     * already stripped. {@code enable.idempotence} and {@code acks} are set by the runtime; other
     * values for them are refused.
     */
    public Builder kafka(Map<String, ?> kafka) {
      this.kafka = Map.copyOf(kafka);
      return this;
    }

    /** The topic names; {@link Topics#defaults()} unless set. */
    public Builder topics(Topics topics) {
      this.topics = Objects.requireNonNull(topics, "topics");
      return this;
    }

    /** The record serdes bound to the schema registry; required. */
    public Builder serdes(RecordSerdes serdes) {
      this.serdes = Objects.requireNonNull(serdes, "serdes");
      return this;
    }

    /** The providers to choose from; those on this class's class path unless set. */
    public Builder providers(ProviderCatalog providers) {
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    /** Where the counters go; a private {@link SimpleMeterRegistry} unless set. */
    public Builder meters(MeterRegistry meters) {
      this.meters = Objects.requireNonNull(meters, "meters");
      return this;
    }

    /** The clock connectors stamp events with and dead letters are timed by. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Replaces the Kafka producers, for tests without a broker. */
    Builder producers(Supplier<Producers> producers) {
      this.producers = producers;
      return this;
    }

    /**
     * Validates the plan and the producer settings.
     *
     * @throws ConnectorConfigException listing every connector problem, each with its full key
     * @throws ConfigException when the producer settings cannot give an idempotent producer
     */
    public ConnectorRuntime build() {
      ProviderCatalog catalog =
          providers != null
              ? providers
              : ProviderCatalog.load(ConnectorRuntime.class.getClassLoader());
      ConnectorPlan plan = ConnectorPlan.of(config, catalog);
      Supplier<Producers> factory = producers != null ? producers : kafkaProducers();
      return new ConnectorRuntime(this, plan, factory);
    }

    private Supplier<Producers> kafkaProducers() {
      Objects.requireNonNull(serdes, "serdes: the runtime needs the record serdes to produce");
      Map<String, Object> settings = idempotentSettings(kafka);
      String clientId = String.valueOf(settings.get(ProducerConfig.CLIENT_ID_CONFIG));
      RecordSerdes recordSerdes = serdes;
      Topics names = topics;
      return () ->
          new Producers(
              new KafkaProducer<>(
                  withClientId(settings, clientId + "-events"),
                  RecordSerdes.key().serializer(),
                  recordSerdes.value(names.events())),
              new KafkaProducer<>(
                  withClientId(settings, clientId + "-dead-letters"),
                  RecordSerdes.key().serializer(),
                  recordSerdes.value(names.deadLetters())));
    }

    private static Map<String, Object> withClientId(Map<String, Object> settings, String id) {
      Map<String, Object> copy = new HashMap<>(settings);
      copy.put(ProducerConfig.CLIENT_ID_CONFIG, id);
      return copy;
    }

    /**
     * The given settings plus idempotence. A redelivered provider event is deduplicated by event id
     * downstream, but a producer retry must not add a second copy of the same send; that is what
     * idempotence with {@code acks=all} guarantees.
     */
    static Map<String, Object> idempotentSettings(Map<String, ?> kafka) {
      Object bootstrap = kafka.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
      if (bootstrap == null || bootstrap.toString().isBlank()) {
        throw new ConfigException(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG
                + " is required: the connector runtime publishes chat events to Kafka");
      }
      requireValue(kafka, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", Set.of("true"));
      requireValue(kafka, ProducerConfig.ACKS_CONFIG, "all", Set.of("all", "-1"));
      Map<String, Object> settings = new HashMap<>(kafka);
      settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      settings.put(ProducerConfig.ACKS_CONFIG, "all");
      settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-connectors");
      return settings;
    }

    private static void requireValue(
        Map<String, ?> kafka, String key, String required, Set<String> allowed) {
      Object value = kafka.get(key);
      if (value != null && !allowed.contains(value.toString().trim().toLowerCase())) {
        throw new ConfigException(
            key,
            value,
            "the connector runtime's producer is idempotent and needs "
                + key
                + "="
                + required
                + "; remove the setting");
      }
    }
  }
}
