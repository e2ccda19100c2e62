package switchboard.matcher;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.matcher.policy.PermissionMode;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/** The alias matcher as a running Kafka Streams application. */
public final class AliasMatcherApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AliasMatcherApp.class);

  private final KafkaStreams streams;

  public AliasMatcherApp(AliasMatcherConfig config, Topics topics, RecordSerdes serdes) {
    MatcherSettings settings = config.settings();
    StreamsBuilder builder = new StreamsBuilder();
    AliasMatcherTopology.build(builder, topics, serdes, settings, Clock.systemUTC());
    Properties props = streamsProperties(config);
    this.streams = new KafkaStreams(builder.build(props), props);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("alias matcher stream thread failed; replacing it", e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    PermissionMode mode = permissionsFor(config);
    if (mode == PermissionMode.OPEN) {
      LOG.warn("alias matcher permissions: {}", mode.describe());
    } else {
      LOG.info("alias matcher permissions: {}", mode.describe());
    }
  }

  /** Enforcement unless {@code matcher.permissions.mode=open} is set explicitly. */
  static PermissionMode permissionsFor(AliasMatcherConfig config) {
    return config.settings().permissions();
  }

  static Properties streamsProperties(AliasMatcherConfig config) {
    Properties props = new Properties();
    props.putAll(config.kafka());
    props.put(
        StreamsConfig.APPLICATION_ID_CONFIG,
        config.getString(AliasMatcherConfig.APPLICATION_ID_CONFIG));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG, config.getString(AliasMatcherConfig.STATE_DIR_CONFIG));
    props.put(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(AliasMatcherConfig.THREADS_CONFIG));
    props.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        config.getLong(AliasMatcherConfig.COMMIT_INTERVAL_MS_CONFIG));
    // Every store and processor is named for its business meaning; refuse generated names.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.putIfAbsent(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    return props;
  }

  public void start() {
    streams.start();
  }

  /** Whether the application processes records. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Stops processing and leaves the consumer group, so the partitions move at once: by default
   * Streams stays a member until the session timeout (45 s), and an instance restarted in that
   * window, as {@code switchboard up} after Ctrl-C, waits for it before it reads anything.
   */
  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
