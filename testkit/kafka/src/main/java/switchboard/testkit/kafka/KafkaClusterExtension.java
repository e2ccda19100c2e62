package switchboard.testkit.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real in-JVM KRaft cluster (Kafka's own cluster test kit) for integration tests, started once
 * per test class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleNode();
 * }</pre>
 *
 * <p>One combined broker-controller node by default; {@link #brokers(int)} gives one controller and
 * several brokers for replication and fault tests. Quorums of three controllers are avoided: on
 * Kafka 4.1-4.4 they fail intermittently on 2-core machines (raft UpdateVoter race).
 *
 * <p>There is no Docker engine on the build machines, so Testcontainers is not used here.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final int brokers;
  private final Map<String, String> brokerConfig;
  private KafkaClusterTestKit cluster;

  private KafkaClusterExtension(int brokers, Map<String, String> brokerConfig) {
    this.brokers = brokers;
    this.brokerConfig = brokerConfig;
  }

  /** One combined broker and controller. */
  public static KafkaClusterExtension singleNode() {
    return new KafkaClusterExtension(1, Map.of());
  }

  /** One controller and {@code count} brokers, for replication and broker-failure tests. */
  public static KafkaClusterExtension brokers(int count) {
    return new KafkaClusterExtension(count, Map.of());
  }

  /** The same cluster with extra broker settings. */
  public KafkaClusterExtension withBrokerConfig(Map<String, String> config) {
    return new KafkaClusterExtension(brokers, Map.copyOf(config));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(brokers == 1)
            .setNumControllerNodes(1)
            .setNumBrokerNodes(brokers)
            .build();
    short replication = (short) Math.min(3, brokers);
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", Short.toString(replication))
            .setConfigProp("transaction.state.log.replication.factor", Short.toString(replication))
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            // The default reserves 128 MB of heap per broker for compaction.
            .setConfigProp("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024))
            .setConfigProp("auto.create.topics.enable", "false");
    brokerConfig.forEach(builder::setConfigProp);
    cluster = builder.build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  /** {@code host:port,...} of the running brokers. */
  public String bootstrapServers() {
    if (cluster == null) {
      throw new IllegalStateException("the Kafka cluster is not running: register the extension");
    }
    return cluster.bootstrapServers();
  }

  /** The test kit, for fault tests that stop and restart brokers. */
  public KafkaClusterTestKit cluster() {
    return cluster;
  }

  /** Number of brokers, also the highest usable replication factor. */
  public int brokerCount() {
    return brokers;
  }

  /**
   * A fresh topic-name prefix ({@code t7-1a2b3c4d.}), so every test gets its own topics on the
   * shared cluster. Dots only: Kafka conflates '.' and '_' in metric names.
   */
  public String uniquePrefix() {
    return "t"
        + NAMESPACES.incrementAndGet()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8)
        + ".";
  }

  /** An admin client on this cluster; the caller closes it. */
  public Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(props);
  }

  /** Creates plain topics with one partition each (for tests of raw client behaviour). */
  public void createTopics(Collection<String> names, int partitions) {
    try (Admin admin = admin()) {
      List<NewTopic> topics =
          names.stream()
              .map(n -> new NewTopic(n, partitions, (short) Math.min(3, brokers)))
              .toList();
      admin
          .createTopics(topics)
          .all()
          .get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics " + names + ": " + e.getCause(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics " + names, e);
    }
  }
}
