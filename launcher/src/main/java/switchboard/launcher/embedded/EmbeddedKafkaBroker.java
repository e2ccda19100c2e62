package switchboard.launcher.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker in this JVM, from Kafka's production jars, for {@code switchboard up}:
 * no Docker, no separate process. Data survives restarts under the data directory; the storage is
 * formatted only the first time.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code dataDir} if it is new and starts the broker; returns once it serves clients.
   *
   * @param port the client port, or 0 for a free one
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      Path config = dataDir.resolve("server.properties");
      Properties props;
      if (Files.exists(dataDir.resolve("kafka").resolve("meta.properties"))
          && Files.exists(config)) {
        // The quorum was formatted with these listeners; a restart must keep them.
        props = new Properties();
        try (var reader = Files.newBufferedReader(config)) {
          props.load(reader);
        }
      } else {
        props = brokerProperties(dataDir, port == 0 ? freePort() : port, freePort());
        format(config, props);
      }
      String clientPort = props.getProperty("advertised.listeners").replaceAll(".*:", "");
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      return new EmbeddedKafkaBroker(server, "127.0.0.1:" + clientPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dataDir, e);
    }
  }

  private static Properties brokerProperties(Path dataDir, int clientPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("kafka").toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    // The default reserves 128 MB of heap for the log cleaner; one small node needs far less.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    return p;
  }

  private static void format(Path config, Properties props) throws IOException {
    try (Writer writer = Files.newBufferedWriter(config)) {
      props.store(writer, "written by switchboard up");
    }
    // The same as "kafka-storage.sh format --standalone"; execute() returns instead of exiting.
    int rc =
        StorageTool.execute(
            new String[] {
              "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"
            },
            new PrintStream(OutputStream.nullOutputStream()));
    if (rc != 0) {
      throw new IOException("formatting Kafka storage for " + config + " failed with code " + rc);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:port}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
