package switchboard.bench.e2e;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.bench.matcher.AliasCatalogues;
import switchboard.launcher.embedded.EmbeddedKafkaBroker;
import switchboard.launcher.run.Components;
import switchboard.launcher.run.Pipeline;
import switchboard.matcher.AliasMatcherApp;
import switchboard.records.ChatEvent;
import switchboard.records.ChatUser;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.schemas.ConversationKeys;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.stackstorm.StackStormDouble;

/**
 * The whole Switchboard pipeline in this JVM, wired as {@code switchboard up} wires it: the
 * embedded broker, the alias matcher and the dispatcher from {@link Pipeline}, in front of the
 * StackStorm contract double holding a generated alias catalogue.
 *
 * <p>A request is a chat event produced straight to {@code chatops.events}, as a connector would
 * publish it; it is answered by the dispatcher's ack and result replies on {@code chatops.replies},
 * read here as the notifier reads them. The connector and notifier hops, and the chat provider on
 * either side, are outside the measured path.
 */
final class PipelineUnderTest implements LoadTarget, AutoCloseable {

  /**
   * Every command is acknowledged, then answered with its result; on the way, the matcher's command
   * is seen on chatops.commands, which shows how much of the time the matcher's hop takes.
   */
  static final List<String> ANSWERS = List.of("ack", "result", "matched");

  private static final int ACK = 0;
  private static final int RESULT = 1;
  private static final int MATCHED = 2;

  /**
   * Kafka produce-to-consume hops from event to ack: events to the matcher, commands to the
   * dispatcher, replies to the notifier. The result takes the same hops (StackStorm's announcement
   * comes back to the dispatcher over HTTP).
   */
  static final int HOPS = 3;

  /** The connector instance the generated events come from; request ids are {@code bench:<key>}. */
  private static final String CONNECTOR = "bench";

  private static final Logger LOG = LoggerFactory.getLogger(PipelineUnderTest.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  /**
   * @param aliases how many aliases StackStorm (the double) holds
   * @param conversations how many channels the events are spread over (the record keys)
   * @param st2Latency how long the double takes to answer each API call
   * @param st2ExecutionTime how long each simulated execution runs before its result
   * @param tuning pipeline configuration keys (as in switchboard.properties) over the defaults
   * @param dataDir where the broker and the Streams state live
   */
  record Settings(
      int aliases,
      int conversations,
      Duration st2Latency,
      Duration st2ExecutionTime,
      Map<String, String> tuning,
      Path dataDir) {}

  private final Components components = new Components();
  private final Tallies tallies = new Tallies();
  private final List<PollLoop> readers = new ArrayList<>();
  private final Settings settings;
  private Topics topics;
  private RecordSerdes serdes;
  private Map<String, String> config;
  private List<String> commands;
  private KafkaProducer<String, ChatEvent> events;
  private Duration readyIn;

  private PipelineUnderTest(Settings settings) {
    this.settings = settings;
  }

  /** Starts everything and returns once a command has made the whole round trip. */
  static PipelineUnderTest start(Settings settings) throws Exception {
    PipelineUnderTest pipeline = new PipelineUnderTest(settings);
    try {
      pipeline.startComponents();
      return pipeline;
    } catch (Exception | Error e) {
      pipeline.close();
      throw e;
    }
  }

  private void startComponents() throws Exception {
    long begin = System.nanoTime();
    // As the launcher does: the JDK HTTP server otherwise waits for delayed ACKs, ~40 ms a call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    EmbeddedKafkaBroker broker =
        components.add("kafka", EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), 0));
    topics = Topics.defaults();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    KafkaTopicSchemaRegistry registry =
        components.add(
            "schema registry",
            new KafkaTopicSchemaRegistry(broker.bootstrapServers(), topics.schemas()));
    serdes = new RecordSerdes(registry);

    String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    StackStormDouble stackstorm =
        components.add(
            "StackStorm double",
            StackStormDouble.builder()
                .host("127.0.0.1")
                .port(0)
                .apiKey(apiKey)
                .executionDelay(settings.st2ExecutionTime())
                // Nothing here reads the double's request log: keep its cost out of the CPU the
                // pipeline competes for.
                .requestLog(0)
                .build()
                .start());
    stackstorm.latency(settings.st2Latency());
    GeneratedCatalogue.serve(stackstorm, settings.aliases());
    commands = AliasCatalogues.hits(settings.aliases(), 4096, 42);

    config = pipelineConfig(broker.bootstrapServers(), stackstorm, apiKey);
    Pipeline pipeline = new Pipeline(config, topics, serdes, new SimpleMeterRegistry());
    AliasMatcherApp matcher = components.add("alias matcher", pipeline.matcher());
    components.add("dispatcher", pipeline.dispatcher());

    events =
        components.add(
            "event producer",
            new KafkaProducer<>(
                clientSettings().producer("bench-events"),
                RecordSerdes.key().serializer(),
                serdes.value(topics.events()).serializer()));
    startReading();
    awaitRunning(matcher);
    awaitRoundTrip();
    readyIn = Duration.ofNanos(System.nanoTime() - begin);
  }

  private Map<String, String> pipelineConfig(
      String bootstrap, StackStormDouble stackstorm, String apiKey) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", bootstrap);
    config.put("kafka.auto.offset.reset", "earliest");
    config.put("matcher.permissions.mode", "open");
    config.put("matcher.state.dir", settings.dataDir().resolve("streams").toString());
    config.put("dispatcher.st2.url", stackstorm.url().toString());
    config.put("dispatcher.st2.api.key", apiKey);
    config.putAll(settings.tuning());
    return config;
  }

  /** The pipeline's client settings, for the baseline's clients. */
  ClientSettings clientSettings() {
    return ClientSettings.of(config);
  }

  String bootstrapServers() {
    return config.get("kafka.bootstrap.servers");
  }

  /** The pipeline configuration, tuning included. */
  Map<String, String> config() {
    return Map.copyOf(config);
  }

  /** From the start until the first command made the round trip. */
  Duration readyIn() {
    return readyIn;
  }

  /** How many partitions {@code chatops.events} has: the baseline's topics get as many. */
  int partitions() {
    return topics.events().partitions();
  }

  /** The value bytes of a typical chat event of this run: the baseline sends records as long. */
  byte[] sampleEventBytes() {
    return serdes
        .value(topics.events())
        .serializer()
        .serialize(topics.events().name(), event("sample-0", 0));
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
    ChatEvent event = event(tally.key(index), index);
    events.send(
        new ProducerRecord<>(
            topics.events().name(), ConversationKeys.of(event.getConversation()), event),
        (metadata, e) -> {
          if (e != null) {
            tally.unexpected(index, "not sent: " + e);
          }
        });
  }

  private ChatEvent event(String key, int index) {
    int conversation = index % settings.conversations();
    return ChatEvent.newBuilder()
        .setEventId(key)
        .setConversation(
            Conversation.newBuilder()
                .setProvider("console")
                .setConnector(CONNECTOR)
                .setWorkspace("bench")
                .setChannel("C" + conversation)
                .setDirect(false)
                .build())
        .setMessageId(key)
        .setSender(ChatUser.newBuilder().setId("U" + conversation).setDisplayName("load").build())
        .setText("!" + commands.get(index % commands.size()))
        .setReceivedAt(Instant.now())
        .build();
  }

  /**
   * Follows chatops.commands and chatops.replies as the dispatcher and the notifier do: only what
   * the matcher's and the dispatcher's transactions committed.
   */
  private void startReading() {
    KafkaConsumer<String, CommandRequest> commandReader =
        new KafkaConsumer<>(
            committedOnly(clientSettings().consumer("bench-commands", "bench-commands")),
            RecordSerdes.key().deserializer(),
            serdes.value(topics.commands()).deserializer());
    commandReader.subscribe(List.of(topics.commands().name()));
    readers.add(
        PollLoop.start(
            "bench-commands",
            commandReader,
            (records, now) ->
                records.forEach(r -> book(r.value().getRequestId(), MATCHED, null, now)),
            () -> {}));
    KafkaConsumer<String, Reply> replyReader =
        new KafkaConsumer<>(
            committedOnly(clientSettings().consumer("bench-replies", "bench-replies")),
            RecordSerdes.key().deserializer(),
            serdes.value(topics.replies()).deserializer());
    replyReader.subscribe(List.of(topics.replies().name()));
    readers.add(
        PollLoop.start(
            "bench-replies",
            replyReader,
            (records, now) -> records.forEach(r -> book(r.value(), now)),
            () -> {}));
  }

  private static Map<String, Object> committedOnly(Map<String, Object> consumer) {
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return consumer;
  }

  private void book(Reply reply, long now) {
    if (reply.getKind() == ReplyKind.ACK) {
      book(reply.getRequestId(), ACK, null, now);
    } else if (reply.getKind() == ReplyKind.RESULT) {
      book(reply.getRequestId(), RESULT, null, now);
    } else {
      book(reply.getRequestId(), -1, reply.getKind() + " reply: " + reply.getText(), now);
    }
  }

  /** Books answer {@code answer} of a request id, or, when negative, {@code unexpected}. */
  private void book(String requestId, int answer, String unexpected, long now) {
    if (requestId == null || !requestId.startsWith(CONNECTOR + ":")) {
      return;
    }
    String key = requestId.substring(CONNECTOR.length() + 1);
    if (answer >= 0) {
      tallies.answered(key, answer, now);
    } else {
      tallies.unexpected(key, unexpected);
    }
  }

  private static void awaitRunning(AliasMatcherApp matcher) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (matcher.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !matcher.state().isRunningOrRebalancing()) {
        throw new TimeoutException("the alias matcher did not start: " + matcher.state());
      }
      Thread.sleep(20);
    }
  }

  /**
   * Sends single commands until one is acknowledged and answered: then the aliases have reached the
   * matcher and every consumer has its partitions.
   */
  private void awaitRoundTrip() throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      RequestTally probe = new RequestTally("probe" + attempt, ANSWERS, 1, 0, System.nanoTime(), 1);
      track(probe);
      send(probe, 0);
      if (probe.awaitSettled(Duration.ofSeconds(2)) && probe.problems().none()) {
        return;
      }
      LOG.info("pipeline not ready yet: {}", probe.problems());
    }
    throw new TimeoutException("no command made the round trip in " + READY_TIMEOUT);
  }

  @Override
  public void close() {
    readers.forEach(reader -> components.add("load generator reader", reader));
    components.close();
  }
}
