package switchboard.notifier;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import switchboard.schemas.ComponentConfigs;

/**
 * The notifier's settings: {@code notifier.*} keys defined below, and Kafka client settings under
 * {@code kafka.} (prefix stripped, e.g. {@code kafka.bootstrap.servers}), as style.md §3 names
 * them.
 */
public final class NotifierConfig extends AbstractConfig {

  /** Kafka client settings pass through under this prefix. */
  public static final String KAFKA_PREFIX = "kafka.";

  /** The consumer group of every notifier instance unless {@code kafka.group.id} says otherwise. */
  public static final String DEFAULT_GROUP_ID = "switchboard-notifier";

  public static final String RETRY_MAX_ATTEMPTS_CONFIG = "notifier.retry.max.attempts";
  private static final String RETRY_MAX_ATTEMPTS_DOC =
      "Attempts at one reply that may end in a transient failure (timeout, 5xx, dropped"
          + " connection) before the reply goes to the dead-letter topic with reason"
          + " DELIVERY_FAILED. Waits the provider asks for (HTTP 429 Retry-After) do not count;"
          + " notifier.retry.deadline.ms bounds them.";

  public static final String RETRY_INITIAL_BACKOFF_MS_CONFIG = "notifier.retry.initial.backoff.ms";
  private static final String RETRY_INITIAL_BACKOFF_MS_DOC =
      "Wait after the first transient failure of a reply, in milliseconds; later waits grow by"
          + " notifier.retry.backoff.multiplier.";

  public static final String RETRY_BACKOFF_MULTIPLIER_CONFIG = "notifier.retry.backoff.multiplier";
  private static final String RETRY_BACKOFF_MULTIPLIER_DOC =
      "Factor by which the wait grows after each further transient failure.";

  public static final String RETRY_MAX_BACKOFF_MS_CONFIG = "notifier.retry.max.backoff.ms";
  private static final String RETRY_MAX_BACKOFF_MS_DOC =
      "The longest single wait between two attempts after transient failures, in milliseconds.";

  public static final String RETRY_JITTER_CONFIG = "notifier.retry.jitter";
  private static final String RETRY_JITTER_DOC =
      "Randomization factor of each backoff wait, from 0 (exact waits) to 1 (anywhere between"
          + " zero and twice the wait), so replies that failed together do not retry together.";

  public static final String RETRY_DEADLINE_MS_CONFIG = "notifier.retry.deadline.ms";
  private static final String RETRY_DEADLINE_MS_DOC =
      "How long after its first attempt a reply may still be retried, in milliseconds. A reply"
          + " whose next attempt would fall later goes to the dead-letter topic, so a provider that"
          + " keeps answering 429 cannot hold a conversation forever.";

  public static final String MAX_IN_FLIGHT_CONFIG = "notifier.max.in.flight";
  private static final String MAX_IN_FLIGHT_DOC =
      "Replies read but not yet delivered or dead-lettered above which the notifier pauses"
          + " reading chatops.replies (back-pressure); it resumes below. One poll may overshoot"
          + " by up to max.poll.records.";

  public static final String DELIVERY_THREADS_CONFIG = "notifier.delivery.threads";
  private static final String DELIVERY_THREADS_DOC =
      "Threads that post replies. Each conversation uses at most one at a time, so this many"
          + " conversations can wait on slow provider calls before others queue.";

  public static final String DEDUP_CAPACITY_CONFIG = "notifier.dedup.capacity";
  private static final String DEDUP_CAPACITY_DOC =
      "How many settled reply ids are remembered (least recently used first out) to skip a reply"
          + " that is read again after a rebalance instead of posting it twice.";

  public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "notifier.shutdown.timeout.ms";
  private static final String SHUTDOWN_TIMEOUT_MS_DOC =
      "On close, how long to wait for replies already read to be delivered or dead-lettered"
          + " before their offsets are committed, in milliseconds. Replies still unsettled then are"
          + " read again on the next start.";

  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              RETRY_MAX_ATTEMPTS_CONFIG,
              Type.INT,
              5,
              Range.atLeast(1),
              Importance.MEDIUM,
              RETRY_MAX_ATTEMPTS_DOC)
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
              60_000L,
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
              RETRY_DEADLINE_MS_CONFIG,
              Type.LONG,
              300_000L,
              Range.atLeast(0),
              Importance.MEDIUM,
              RETRY_DEADLINE_MS_DOC)
          .define(
              MAX_IN_FLIGHT_CONFIG,
              Type.INT,
              1_000,
              Range.atLeast(1),
              Importance.MEDIUM,
              MAX_IN_FLIGHT_DOC)
          .define(
              DELIVERY_THREADS_CONFIG,
              Type.INT,
              4,
              Range.atLeast(1),
              Importance.MEDIUM,
              DELIVERY_THREADS_DOC)
          .define(
              DEDUP_CAPACITY_CONFIG,
              Type.INT,
              10_000,
              Range.atLeast(1),
              Importance.LOW,
              DEDUP_CAPACITY_DOC)
          .define(
              SHUTDOWN_TIMEOUT_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.atLeast(0),
              Importance.LOW,
              SHUTDOWN_TIMEOUT_MS_DOC);

  private NotifierConfig(Map<String, String> originals) {
    super(CONFIG, originals);
  }

  /**
   * Validates every key at once and reports all problems in one exception, each naming its key.
   *
   * @param originals {@code notifier.*} and {@code kafka.*} settings; {@code
   *     kafka.bootstrap.servers} is required
   * @throws ConfigException listing every invalid or missing setting
   */
  public static NotifierConfig from(Map<String, String> originals) {
    List<String> problems = ComponentConfigs.problems(CONFIG, originals);
    if (!problems.isEmpty()) {
      throw new ConfigException("invalid notifier configuration: " + String.join("; ", problems));
    }
    return new NotifierConfig(originals);
  }

  /** Every {@code notifier.*} key with its type, default, validator and doc. */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG);
  }

  /** The retry, backoff and dedup settings of delivery. */
  public DeliverySettings deliverySettings() {
    return new DeliverySettings(
        getInt(RETRY_MAX_ATTEMPTS_CONFIG),
        Duration.ofMillis(getLong(RETRY_INITIAL_BACKOFF_MS_CONFIG)),
        getDouble(RETRY_BACKOFF_MULTIPLIER_CONFIG),
        getDouble(RETRY_JITTER_CONFIG),
        Duration.ofMillis(getLong(RETRY_MAX_BACKOFF_MS_CONFIG)),
        Duration.ofMillis(getLong(RETRY_DEADLINE_MS_CONFIG)),
        getInt(DEDUP_CAPACITY_CONFIG));
  }

  public int maxInFlight() {
    return getInt(MAX_IN_FLIGHT_CONFIG);
  }

  public int deliveryThreads() {
    return getInt(DELIVERY_THREADS_CONFIG);
  }

  public Duration shutdownTimeout() {
    return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS_CONFIG));
  }

  /**
   * The consumer of chatops.replies: the {@code kafka.*} settings it knows, with offsets committed
   * only by the notifier (after settlement) and only committed transactions read.
   */
  public Map<String, Object> consumerConfig() {
    Map<String, Object> config = kafkaSettings(ConsumerConfig.configNames());
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
    // A new group starts at the end: replaying a week of old replies into chat on first deployment
    // would be worse than missing the few produced before the group first joined.
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return config;
  }

  /**
   * The dead-letter producer: the {@code kafka.*} settings it knows, acknowledged by all replicas.
   */
  public Map<String, Object> producerConfig() {
    Map<String, Object> config = kafkaSettings(ProducerConfig.configNames());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
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
