package switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import switchboard.dispatcher.execution.SubmissionObserver;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.CommandRequest;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;
import switchboard.records.ExecutionUpdate;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;
import switchboard.schemas.TopicProvisioner;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.KafkaTopicSchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;
import switchboard.testkit.kafka.KafkaClusterExtension;
import switchboard.testkit.stackstorm.SampleAliases;
import switchboard.testkit.stackstorm.StackStormDouble;

/**
 * The dispatcher on the in-JVM broker against the StackStorm contract double: exactly-once
 * execution counted per request id on the double, through outages, crashes and a lossy stream.
 */
@Tag("integration")
@Timeout(150)
class DispatcherIT {

  // One partition for the broker's own offsets and transaction logs: the default 50 each take
  // seconds to create on first use, which is all a single-node test cluster would spend them on.
  @RegisterExtension
  static final KafkaClusterExtension KAFKA =
      KafkaClusterExtension.singleNode()
          .withBrokerConfig(
              Map.of(
                  "offsets.topic.num.partitions", "1",
                  "transaction.state.log.num.partitions", "1"));

  static final String API_KEY = "it-api-key";
  static final Duration WAIT = Duration.ofSeconds(60);

  Topics topics;
  KafkaTopicSchemaRegistry registry;
  RecordSerdes serdes;
  StackStormDouble st2;
  SimpleMeterRegistry meters;
  KafkaProducer<String, byte[]> producer;
  TopicTail<Reply> replies;
  TopicTail<ExecutionUpdate> executions;
  TopicTail<AuditRecord> audit;
  TopicTail<DispatchLedgerEntry> ledger;
  final List<Dispatcher> dispatchers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    topics = Topics.withPrefix(KAFKA.uniquePrefix());
    try (Admin admin = KAFKA.admin()) {
      new TopicProvisioner(admin, (short) 1).ensure(TopicProvisioner.requirements(topics));
    }
    registry = new KafkaTopicSchemaRegistry(KAFKA.bootstrapServers(), topics.schemas());
    serdes = new RecordSerdes(registry);
    meters = new SimpleMeterRegistry();
    st2 =
        StackStormDouble.builder()
            .apiKey(API_KEY)
            .aliases(SampleAliases.load())
            .executionDelay(Duration.ofMillis(300))
            .build()
            .start();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    replies = new TopicTail<>(KAFKA.bootstrapServers(), topics.replies(), serdes);
    executions = new TopicTail<>(KAFKA.bootstrapServers(), topics.executions(), serdes);
    audit = new TopicTail<>(KAFKA.bootstrapServers(), topics.audit(), serdes);
    ledger = new TopicTail<>(KAFKA.bootstrapServers(), topics.dispatchLedger(), serdes);
  }

  @AfterEach
  void tearDown() {
    dispatchers.forEach(Dispatcher::close);
    List.of(replies, executions, audit, ledger).forEach(TopicTail::close);
    producer.close();
    st2.close();
    registry.close();
  }

  Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
    config.put("kafka.auto.offset.reset", "earliest");
    config.put("dispatcher.st2.url", st2.url().toString());
    config.put("dispatcher.st2.api.key", API_KEY);
    config.put("dispatcher.st2.timeout.ms", "5000");
    config.put("dispatcher.group.id", topics.prefix() + "dispatcher");
    config.put("dispatcher.instance.id", "it");
    config.put("dispatcher.retry.initial.backoff.ms", "100");
    config.put("dispatcher.retry.max.backoff.ms", "1000");
    config.put("dispatcher.circuit.open.ms", "1000");
    config.put("dispatcher.give.up.after.ms", "120000");
    config.put("dispatcher.result.grace.ms", "1000");
    config.put("dispatcher.reconcile.interval.ms", "1000");
    config.put("dispatcher.shutdown.timeout.ms", "10000");
    config.put("dispatcher.link.enabled", "true");
    config.put("dispatcher.link.port", "0");
    return config;
  }

  Dispatcher start(Map<String, String> config, SubmissionObserver observer) {
    Dispatcher dispatcher =
        new Dispatcher(
            DispatcherConfig.from(config), topics, serdes, meters, Clock.systemUTC(), observer);
    dispatchers.add(dispatcher);
    dispatcher.start();
    return dispatcher;
  }

  Dispatcher start(Map<String, String> config) {
    return start(config, SubmissionObserver.NONE);
  }

  void send(List<CommandRequest> commands) throws Exception {
    for (CommandRequest command : commands) {
      byte[] value =
          serdes.value(topics.commands()).serializer().serialize(topics.commands().name(), command);
      producer.send(new ProducerRecord<>(topics.commands().name(), command.getRequestId(), value));
    }
    producer.flush();
  }

  List<Reply> repliesOf(String requestId, ReplyKind kind) {
    return replies.values(r -> requestId.equals(r.getRequestId()) && r.getKind() == kind);
  }

  long requestsWith(List<CommandRequest> commands, ReplyKind kind) {
    List<Reply> all = replies.values(r -> r.getKind() == kind);
    return commands.stream()
        .filter(c -> all.stream().anyMatch(r -> c.getRequestId().equals(r.getRequestId())))
        .count();
  }

  List<String> statusesOf(String requestId) {
    return executions.values(u -> requestId.equals(u.getRequestId())).stream()
        .map(ExecutionUpdate::getStatus)
        .toList();
  }

  /** Requests whose COMPLETED audit record names what produced the result. */
  List<String> completedBy(String producer) {
    return audit
        .values(a -> a.getDecision() == AuditDecision.COMPLETED && a.getReason().contains(producer))
        .stream()
        .map(AuditRecord::getRequestId)
        .toList();
  }

  List<AuditDecision> auditOf(String requestId) {
    return audit.values(a -> requestId.equals(a.getRequestId())).stream()
        .map(AuditRecord::getDecision)
        .toList();
  }

  double counter(String name, String tag, String value) {
    var search = meters.find(name);
    var counter = (tag == null ? search : search.tag(tag, value)).counter();
    return counter == null ? 0 : counter.count();
  }

  void awaitLedgerState(String requestId, DispatchState state) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              DispatchLedgerEntry entry = ledger.table().get(requestId);
              return entry != null && entry.getState() == state;
            });
  }

  /** Every command ran exactly once and has exactly one ack and one result. */
  void assertExactlyOnce(List<CommandRequest> commands) {
    for (CommandRequest command : commands) {
      String id = command.getRequestId();
      assertThat(st2.executionCount(id)).as("executions of %s", id).isEqualTo(1);
      assertThat(repliesOf(id, ReplyKind.ACK)).as("acks of %s", id).hasSize(1);
      assertThat(repliesOf(id, ReplyKind.RESULT)).as("results of %s", id).hasSize(1);
    }
  }

  static void figures(
      String scenario, List<CommandRequest> commands, StackStormDouble st2, long startNanos) {
    int executions = commands.stream().mapToInt(c -> st2.executionCount(c.getRequestId())).sum();
    long duplicates =
        commands.stream().filter(c -> st2.executionCount(c.getRequestId()) > 1).count();
    System.out.printf(
        "FIGURES %s: %d commands, %d executions, %d duplicates, took %.1f s%n",
        scenario, commands.size(), executions, duplicates, (System.nanoTime() - startNanos) / 1e9);
  }

  @Test
  void shouldAnswerLinkItselfWithAOneTimeUrlToItsSenderAloneAndNeverCallStackStorm()
      throws Exception {
    // Given a dispatcher with the link page, and a user's `link` in a direct conversation
    start(config());
    CommandRequest link = Commands.link("link-1", "U-alice");

    // When the matcher's command arrives
    send(List.of(link));

    // Then the user alone gets a URL to the page, which answers, and StackStorm heard nothing
    await().atMost(WAIT).until(() -> !repliesOf("link-1", ReplyKind.INFO).isEmpty());
    Reply offer = repliesOf("link-1", ReplyKind.INFO).get(0);
    assertThat(offer.getWhisperTo()).isEqualTo("U-alice");
    assertThat(offer.getConversation().getDirect()).isTrue();
    Matcher url =
        Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/link/\\S+)").matcher(offer.getText());
    assertThat(url.find()).as(offer.getText()).isTrue();
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<code>U-alice</code>");
    assertThat(st2.executionCount("link-1")).isZero();
    assertThat(counter("switchboard.dispatcher.commands", "outcome", "built-in")).isEqualTo(1);
  }

  @Test
  void shouldTellTheUserWhoCanLinkThemWhenSelfServiceIsOff() throws Exception {
    Map<String, String> config = config();
    config.put("dispatcher.link.enabled", "false");
    start(config);

    send(List.of(Commands.link("link-off", "U-bob")));

    await().atMost(WAIT).until(() -> !repliesOf("link-off", ReplyKind.INFO).isEmpty());
    Reply answer = repliesOf("link-off", ReplyKind.INFO).get(0);
    assertThat(answer.getWhisperTo()).isEqualTo("U-bob");
    assertThat(answer.getText())
        .contains("Self-service linking is turned off")
        .contains("switchboard identity link");
    assertThat(st2.executionCount("link-off")).isZero();
  }

  @Test
  void shouldRunEachCommandOnceAckItInItsThreadAndReplyItsResultFromTheAnnouncement()
      throws Exception {
    // Given a dispatcher on StackStorm with the sample aliases
    start(config());
    List<CommandRequest> commands =
        List.of(
            Commands.run("happy-1", "date", "web1"),
            Commands.greet("happy-2", "hello"),
            Commands.run("happy-3", "uptime", "web1,web2"));
    long started = System.nanoTime();

    // When the matcher's commands arrive
    send(commands);

    // Then each result arrives, each command ran once and was acked in its thread
    await().atMost(WAIT).until(() -> requestsWith(commands, ReplyKind.RESULT) == 3);
    figures("happy path", commands, st2, started);
    assertExactlyOnce(commands);
    Reply ack = repliesOf("happy-1", ReplyKind.ACK).get(0);
    assertThat(ack.getText())
        .startsWith("Hold tight while I run command: *date* on hosts *web1*")
        .contains(" (details available at " + st2.url());
    assertThat(ack.getThread()).isEqualTo("thread-happy-1");
    assertThat(ack.getInReplyTo()).isEqualTo("msg-happy-1");
    assertThat(repliesOf("happy-2", ReplyKind.ACK).get(0).getText())
        .startsWith("I'll take it from here! Your execution ID for reference is ");
    Reply result = repliesOf("happy-1", ReplyKind.RESULT).get(0);
    assertThat(result.getText()).contains("Ran command *date* on *1* hosts.");
    assertThat(result.getStatus()).isEqualTo(ReplyStatus.SUCCESS);
    assertThat(result.getThread()).isEqualTo("thread-happy-1");
    assertThat(result.getMention()).isEqualTo("U-alice");
    assertThat(repliesOf("happy-2", ReplyKind.RESULT).get(0).getText())
        .contains("Action hello_st2.greet completed.");
    assertThat(counter("switchboard.dispatcher.results", "source", "announcement")).isEqualTo(3);
    assertThat(counter("switchboard.dispatcher.results.fallbacks", null, null)).isZero();

    // And every status change was published, and audited at submission and completion
    for (CommandRequest command : commands) {
      String id = command.getRequestId();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(statusesOf(id))
                      .startsWith("requested")
                      .endsWith("succeeded")
                      .contains("running")
                      .doesNotHaveDuplicates());
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(auditOf(id))
                      .containsExactly(AuditDecision.EXECUTED, AuditDecision.COMPLETED));
      awaitLedgerState(id, DispatchState.COMPLETED);
    }
  }

  @Test
  void shouldReplyStackStormsFaultstringWhenItRefusesTheCommand() throws Exception {
    // Given a command whose format is not one of its alias's
    start(config());
    CommandRequest wrong =
        Commands.command(
            "refused-1",
            "examples.remote_shell_cmd",
            "remote_shell_cmd",
            "core.remote",
            "execute {{cmd}}",
            "execute date",
            Map.of("cmd", "date"));

    // When it arrives
    send(List.of(wrong));

    // Then the user sees StackStorm's own words, and the audit says StackStorm refused it
    await().atMost(WAIT).until(() -> !repliesOf("refused-1", ReplyKind.ERROR).isEmpty());
    Reply error = repliesOf("refused-1", ReplyKind.ERROR).get(0);
    assertThat(error.getText())
        .isEqualTo(
            "Format string \"execute {{cmd}}\" is not available on the alias"
                + " \"remote_shell_cmd\"");
    assertThat(error.getThread()).isEqualTo("thread-refused-1");
    await()
        .atMost(WAIT)
        .until(() -> auditOf("refused-1").contains(AuditDecision.REJECTED_BY_STACKSTORM));
    awaitLedgerState("refused-1", DispatchState.REJECTED);
    assertThat(st2.executionCount("refused-1")).isZero();
    assertThat(repliesOf("refused-1", ReplyKind.ACK)).isEmpty();
  }

  @Test
  void shouldQueueCommandsWhileStackStormFailsAndRunEachOnceWhenItRecovers() throws Exception {
    // Given a dispatcher, and then StackStorm answering 500 to every API call for 30 seconds
    start(config());
    st2.failRequestsFor(Duration.ofSeconds(30), 500, "Internal Server Error");
    List<CommandRequest> commands =
        IntStream.rangeClosed(1, 5)
            .mapToObj(i -> Commands.run("outage-" + i, "echo " + i, "web" + i))
            .toList();
    long started = System.nanoTime();

    // When commands arrive during the outage
    send(commands);

    // Then each user is told once that the command is queued
    await().atMost(WAIT).until(() -> requestsWith(commands, ReplyKind.INFO) == 5);
    assertThat(commands).allSatisfy(c -> assertThat(st2.executionCount(c.getRequestId())).isZero());

    // And once StackStorm is back every command runs exactly once and every result arrives
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> requestsWith(commands, ReplyKind.RESULT) == 5);
    figures("500 for 30 s", commands, st2, started);
    assertExactlyOnce(commands);
    for (CommandRequest command : commands) {
      assertThat(repliesOf(command.getRequestId(), ReplyKind.INFO)).hasSize(1);
    }
    System.out.printf(
        "FIGURES 500 for 30 s: retried %.0f, queued %.0f%n",
        counter("switchboard.dispatcher.commands.retried", null, null),
        counter("switchboard.dispatcher.commands.queued", null, null));
    assertThat(counter("switchboard.dispatcher.commands.queued", null, null)).isEqualTo(5);
  }

  @Test
  void shouldGiveUpWithAClearReplyWhenStackStormStaysAwayPastTheDeadline() throws Exception {
    // Given a two-second deadline and StackStorm answering 503 for longer
    Map<String, String> config = config();
    config.put("dispatcher.give.up.after.ms", "2000");
    start(config);
    st2.failRequestsFor(Duration.ofSeconds(20), 503, "Service Unavailable");

    // When a command arrives
    send(List.of(Commands.greet("late-1", "anyone")));

    // Then the user hears it is queued, then that it was given up, and it never runs
    await().atMost(WAIT).until(() -> !repliesOf("late-1", ReplyKind.ERROR).isEmpty());
    Reply gaveUp = repliesOf("late-1", ReplyKind.ERROR).get(0);
    assertThat(gaveUp.getPretext()).isEqualTo("Gave up on `greet anyone`:");
    assertThat(gaveUp.getText()).startsWith("StackStorm stayed unavailable for ");
    assertThat(repliesOf("late-1", ReplyKind.INFO)).hasSize(1);
    await().atMost(WAIT).until(() -> auditOf("late-1").contains(AuditDecision.ERROR));
    awaitLedgerState("late-1", DispatchState.ABANDONED);
    st2.clearFaults();
    assertThat(st2.executionCount("late-1")).isZero();
  }

  @Test
  void shouldNeitherDoubleNorLoseACommandWhenKilledBetweenPostAndCommit() throws Exception {
    // Given a dispatcher that freezes right after StackStorm accepted crash-5, and three commands
    // it has already settled
    String victim = "crash-5";
    CountDownLatch frozen = new CountDownLatch(1);
    SubmissionObserver freeze =
        command -> {
          if (command.getRequestId().equals(victim)) {
            frozen.countDown();
            while (!Thread.currentThread().isInterrupted()) {
              LockSupport.park(this);
            }
            throw new IllegalStateException("killed");
          }
        };
    Dispatcher first = start(config(), freeze);
    List<CommandRequest> settled = commands("crash-", 1, 3);
    long started = System.nanoTime();
    send(settled);
    await().atMost(WAIT).until(() -> requestsWith(settled, ReplyKind.ACK) == 3);
    List<CommandRequest> inFlight = commands("crash-", 4, 6);
    send(inFlight);
    assertThat(frozen.await(60, TimeUnit.SECONDS)).isTrue();

    // When it is killed there, without committing, and another instance takes over
    first.halt();
    start(config());
    List<CommandRequest> later = commands("crash-", 7, 9);
    send(later);

    // Then no command ran twice or got lost, and each has one ack and one result
    List<CommandRequest> all = new ArrayList<>(settled);
    all.addAll(inFlight);
    all.addAll(later);
    await().atMost(WAIT).until(() -> requestsWith(all, ReplyKind.RESULT) == all.size());
    figures("killed between POST and commit", all, st2, started);
    assertExactlyOnce(all);
    await().atMost(WAIT).until(() -> auditOf(victim).contains(AuditDecision.EXECUTED));
    AuditRecord executed =
        audit
            .values(
                a -> victim.equals(a.getRequestId()) && a.getDecision() == AuditDecision.EXECUTED)
            .get(0);
    assertThat(executed.getReason()).contains("after a restart; not sent again");
  }

  static List<CommandRequest> commands(String prefix, int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> Commands.run(prefix + i, "hostname", "web" + i))
        .toList();
  }

  @Test
  void shouldStillReplyEveryResultWhenTheStreamDropsAndAnnouncementsAreLost() throws Exception {
    // Given executions that take two seconds, and two announcements StackStorm will lose
    st2.executionDelay(Duration.ofSeconds(2));
    start(config());
    st2.loseNextAnnouncements(2);
    List<CommandRequest> commands =
        IntStream.rangeClosed(1, 4)
            .mapToObj(i -> Commands.run("lossy-" + i, "df", "db" + i))
            .toList();
    long started = System.nanoTime();
    send(commands);
    await().atMost(WAIT).until(() -> requestsWith(commands, ReplyKind.ACK) == 4);

    // When the stream drops while they run, and does not come back at once
    st2.refuseStreamConnections(2);
    st2.dropStreamConnections();

    // Then every result still arrives, once, through reconciliation and StackStorm's formatter
    await().atMost(WAIT).until(() -> requestsWith(commands, ReplyKind.RESULT) == 4);
    figures("stream dropped, 2 announcements lost", commands, st2, started);
    assertExactlyOnce(commands);
    double fallbacks = counter("switchboard.dispatcher.results", "source", "fallback");
    System.out.printf(
        "FIGURES stream dropped: results from announcements %.0f, from fallback %.0f, lost %d%n",
        counter("switchboard.dispatcher.results", "source", "announcement"),
        fallbacks,
        st2.lostAnnouncements().size());
    assertThat(fallbacks).isGreaterThanOrEqualTo(2);
    await().atMost(WAIT).until(() -> completedBy("chatops.format_execution_result").size() >= 2);
    List<String> formatted = completedBy("chatops.format_execution_result");
    assertThat(formatted).hasSizeGreaterThanOrEqualTo(2);
    for (String id : formatted) {
      // StackStorm rendered the alias's own result format, as the announcement would have.
      assertThat(repliesOf(id, ReplyKind.RESULT).get(0).getText())
          .contains("Ran command *df* on *1* hosts.");
    }
    assertThat(
            st2.requests().stream().filter(r -> r.pathOnly().equals("/stream/v1/stream")).count())
        .isGreaterThanOrEqualTo(2);
  }
}
