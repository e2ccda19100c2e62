package switchboard.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka baseline: plain records, as long as the pipeline's chat events and keyed by the
 * same conversations, through the same number of produce-to-consume hops on the same broker with
 * the same client settings, and no work in between. The generator produces to the first hop's
 * topic; relay {@code k} reads topic {@code k-1} and writes topic {@code k}; a last consumer reads
 * the final topic. What Switchboard adds on top of Kafka is the ratio of the two latencies.
 *
 * <p>The relays are plain consumers and producers: no transactions, offsets committed
 * automatically. Their threads and clients are named {@code relay-*}, so their CPU is booked as the
 * pipeline's.
 */
final class RelayBaseline implements LoadTarget, AutoCloseable {

  static final List<String> ANSWERS = List.of("delivered");

  private static final String REQUEST_HEADER = "bench-request";
  private static final String TOPIC_PREFIX = "bench.baseline.hop";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(1);

  private final List<String> topics;
  private final int conversations;
  private final byte[] payload;
  private final Tallies tallies = new Tallies();
  private final List<PollLoop> loops = new ArrayList<>();
  private final KafkaProducer<String, byte[]> producer;

  private RelayBaseline(
      ClientSettings clients, List<String> topics, int conversations, byte[] payload) {
    this.topics = topics;
    this.conversations = conversations;
    this.payload = payload.clone();
    this.producer =
        new KafkaProducer<>(
            clients.producer("bench-baseline-in"),
            new StringSerializer(),
            new ByteArraySerializer());
    for (int hop = 1; hop < topics.size(); hop++) {
      relay(clients, hop);
    }
    last(clients);
  }

  /**
   * Creates the hop topics and starts the relays; returns once a record has made it through.
   *
   * @param hops produce-to-consume hops, at least 1
   * @param partitions partitions of every hop topic, as many as the pipeline's
   * @param payload the value of every record
   */
  static RelayBaseline start(
      String bootstrapServers,
      ClientSettings clients,
      int hops,
      int partitions,
      int conversations,
      byte[] payload)
      throws Exception {
    List<String> topics = new ArrayList<>();
    for (int hop = 0; hop < hops; hop++) {
      topics.add(TOPIC_PREFIX + hop);
    }
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
          .all()
          .get();
    }
    RelayBaseline baseline = new RelayBaseline(clients, topics, conversations, payload);
    try {
      baseline.awaitRoundTrip();
      return baseline;
    } catch (Exception | Error e) {
      baseline.close();
      throw e;
    }
  }

  private void relay(ClientSettings clients, int hop) {
    KafkaProducer<String, byte[]> out =
        new KafkaProducer<>(
            clients.producer("relay-" + hop + "-out"),
            new StringSerializer(),
            new ByteArraySerializer());
    loops.add(
        PollLoop.start(
            "relay-" + hop,
            consumer(clients, "relay-" + hop + "-in", topics.get(hop - 1)),
            (records, now) -> {
              for (ConsumerRecord<String, byte[]> record : records) {
                out.send(
                    new ProducerRecord<>(
                        topics.get(hop), null, record.key(), record.value(), record.headers()));
              }
            },
            out));
  }

  private void last(ClientSettings clients) {
    loops.add(
        PollLoop.start(
            "relay-out",
            consumer(clients, "relay-out", topics.get(topics.size() - 1)),
            (records, now) -> {
              for (ConsumerRecord<String, byte[]> record : records) {
                Header header = record.headers().lastHeader(REQUEST_HEADER);
                if (header != null) {
                  tallies.answered(new String(header.value(), StandardCharsets.UTF_8), 0, now);
                }
              }
            },
            () -> {}));
  }

  private KafkaConsumer<String, byte[]> consumer(
      ClientSettings clients, String clientId, String topic) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            clients.consumer(clientId, clientId),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  @Override
  public List<String> answers() {
    return ANSWERS;
  }

  @Override
  public void track(RequestTally tally) {
    tallies.track(tally);
  }

  @Override
  public void send(RequestTally tally, int index) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topics.get(0), null, "bench/bench/C" + index % conversations, payload);
    record.headers().add(REQUEST_HEADER, tally.key(index).getBytes(StandardCharsets.UTF_8));
    producer.send(
        record,
        (metadata, e) -> {
          if (e != null) {
            tally.unexpected(index, "not sent: " + e);
          }
        });
  }

  private void awaitRoundTrip() throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      RequestTally probe = new RequestTally("probe" + attempt, ANSWERS, 1, 0, System.nanoTime(), 1);
      track(probe);
      send(probe, 0);
      if (probe.awaitSettled(Duration.ofSeconds(2))) {
        return;
      }
    }
    throw new TimeoutException("no record made it through the baseline in " + READY_TIMEOUT);
  }

  @Override
  public void close() throws InterruptedException {
    for (PollLoop loop : loops) {
      loop.close();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
