package switchboard.dispatcher;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.dispatcher.aliases.AliasCatalogSync;
import switchboard.dispatcher.calls.StackStormCalls;
import switchboard.dispatcher.execution.BuiltInCommands;
import switchboard.dispatcher.execution.CommandDispatch;
import switchboard.dispatcher.execution.CommandIntake;
import switchboard.dispatcher.execution.SubmissionObserver;
import switchboard.dispatcher.identity.KafkaIdentityLinkSink;
import switchboard.dispatcher.identity.LinkSettings;
import switchboard.dispatcher.identity.SelfServiceLinks;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.dispatcher.ledger.DispatchJournal;
import switchboard.dispatcher.ledger.Ledger;
import switchboard.dispatcher.ledger.LedgerFollower;
import switchboard.dispatcher.results.ResultFollower;
import switchboard.dispatcher.stackstorm.StackStormAuthFailed;
import switchboard.dispatcher.stackstorm.StackStormClient;
import switchboard.dispatcher.stackstorm.StackStormException;
import switchboard.dispatcher.stackstorm.StackStormStream;
import switchboard.dispatcher.stackstorm.StreamEvent;
import switchboard.dispatcher.stackstorm.StreamListener;
import switchboard.records.DispatchLedgerEntry;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The dispatcher component: runs the commands of {@code chatops.commands} through StackStorm
 * exactly once, brings every result back to {@code chatops.replies}, reports status changes on
 * {@code chatops.executions} and keeps {@code chatops.aliases} equal to StackStorm's catalogue. The
 * only component that holds StackStorm credentials (architecture.md). DESIGN.md beside this class
 * explains how the parts fit.
 *
 * <p>Lifecycle: construct, {@link #start()} once, {@link #close()}. The topics must exist ({@code
 * TopicProvisioner}). If StackStorm refuses the dispatcher's own credentials, or Kafka refuses its
 * producer, it stops by itself and {@link #failure()} says why.
 */
public final class Dispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final DispatcherConfig config;
  private final Topics topics;
  private final RecordSerdes serdes;
  private final MeterRegistry meters;
  private final Clock clock;
  private final SubmissionObserver observer;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private StackStormClient client;
  private ExecutorService calls;
  private ScheduledExecutorService retries;
  private DispatchJournal journal;
  private LedgerFollower follower;
  private AliasCatalogSync aliases;
  private CommandDispatch dispatch;
  private CommandIntake intake;
  private ResultFollower results;
  private StackStormStream stream;
  private KafkaIdentityLinkSink linkSink;
  private SelfServiceLinks links;
  private boolean started;
  private boolean closed;

  /**
   * @param config validated settings
   * @param topics topic names: reads commands (and the ledger, the aliases), writes replies,
   *     executions, audit, aliases, dead letters and the ledger
   * @param serdes record serdes bound to the schema registry
   * @param meters where the dispatcher's meters are registered ({@code switchboard.dispatcher.*})
   * @param clock time of records and deadlines
   */
  public Dispatcher(
      DispatcherConfig config,
      Topics topics,
      RecordSerdes serdes,
      MeterRegistry meters,
      Clock clock) {
    this(config, topics, serdes, meters, clock, SubmissionObserver.NONE);
  }

  /** With a hook right after StackStorm accepted a command: for crash tests. */
  Dispatcher(
      DispatcherConfig config,
      Topics topics,
      RecordSerdes serdes,
      MeterRegistry meters,
      Clock clock,
      SubmissionObserver observer) {
    this.config = config;
    this.topics = topics;
    this.serdes = serdes;
    this.meters = meters;
    this.clock = clock;
    this.observer = observer;
  }

  /**
   * Reads the dispatch ledger and the published aliases, then starts syncing aliases, following
   * StackStorm's stream and reading commands, each on its own threads. Call once.
   *
   * @throws IllegalStateException when the ledger cannot be read in {@code
   *     dispatcher.startup.timeout.ms}
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the dispatcher is already started");
    }
    started = true;
    try {
      startParts();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void startParts() {
    // First: a link port already in use fails the start before anything is fenced or read.
    CommandRecords records = new CommandRecords(topics);
    BuiltInCommands builtIns = selfService(records);
    client = new StackStormClient(config.stackStormSettings());
    StackStormCalls stackStorm = new StackStormCalls(client, config.callSettings(), clock);
    calls = Executors.newFixedThreadPool(config.callThreads(), named("st2-calls"));
    retries = Executors.newSingleThreadScheduledExecutor(named("retries"));
    Ledger ledger = new Ledger();

    // One configuration for every producer the journal makes: a replacement must reuse the
    // transactional id to abort what its predecessor left open.
    Map<String, Object> journalProducer = config.journalProducerConfig();
    journal =
        new DispatchJournal(
            () ->
                new KafkaProducer<>(
                    journalProducer, RecordSerdes.key().serializer(), new ByteArraySerializer()),
            topics,
            serdes,
            ledger);
    // Before the ledger is read: aborts what a crashed predecessor left open (DispatchJournal).
    journal.initTransactions();
    follower =
        new LedgerFollower(
            new KafkaConsumer<>(
                config.tableConsumerConfig(),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer()),
            topics.dispatchLedger(),
            serdes,
            ledger);
    follower.start(config.startupTimeout());

    aliases =
        new AliasCatalogSync(
            stackStorm,
            new KafkaProducer<>(
                config.tableProducerConfig(),
                RecordSerdes.key().serializer(),
                serdes.value(topics.aliases()).serializer()),
            topics.aliases(),
            serdes,
            config.aliasResyncInterval(),
            meters);
    aliases.start(
        new KafkaConsumer<>(
            config.tableConsumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
        config.startupTimeout());

    dispatch =
        new CommandDispatch(
            builtIns,
            stackStorm,
            journal,
            ledger,
            records,
            aliases,
            config.dispatchSettings(),
            calls,
            retries,
            observer,
            this::fail,
            meters,
            clock);
    intake =
        new CommandIntake(
            new KafkaConsumer<>(
                config.commandConsumerConfig(),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer()),
            topics,
            serdes,
            dispatch,
            journal,
            follower,
            config.maxInFlight(),
            config.shutdownTimeout(),
            clock,
            () -> results.reconcileNow(),
            this::fail);
    results =
        new ResultFollower(
            stackStorm,
            journal,
            ledger,
            records,
            aliases,
            config.resultSettings(),
            calls,
            intake::owns,
            meters,
            clock);
    journal.attach(intake);
    journal.listener(
        new DispatchJournal.Listener() {
          @Override
          public void committed(Collection<DispatchLedgerEntry> entries) {
            results.committed(entries);
          }

          @Override
          public void aborted(KafkaException cause) {
            intake.rewind();
          }

          @Override
          public void failed(Throwable cause) {
            fail(cause);
          }
        });
    journal.start();
    results.start();

    Set<String> events = new HashSet<>(AliasCatalogSync.EVENTS);
    events.addAll(ResultFollower.events(config.notificationRoute()));
    stream = client.stream(events, new Events());
    if (links != null) {
      links.start();
    }
    intake.start();
    LOG.info(
        "dispatcher started: StackStorm at {}, route {}, transactional id {}, link page {}",
        config.stackStormSettings().apiUrl(),
        config.notificationRoute(),
        config.transactionalId(),
        links == null ? "off" : "on port " + links.port());
  }

  /** The link page when self-service linking is on, otherwise the answer that it is off. */
  private BuiltInCommands selfService(CommandRecords records) {
    Optional<LinkSettings> settings = config.linkSettings();
    if (settings.isEmpty()) {
      return SelfServiceLinks.disabled(records, clock);
    }
    linkSink = new KafkaIdentityLinkSink(config.tableProducerConfig(), topics.identities(), serdes);
    try {
      links =
          new SelfServiceLinks(
              settings.get(), config.stackStormSettings(), linkSink, records, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the self-service link page cannot listen on "
              + settings.get().bindAddress()
              + ":"
              + settings.get().port()
              + " (dispatcher.link.*)",
          e);
    }
    return links;
  }

  /** Why the dispatcher stopped by itself, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Stops reading commands, lets StackStorm calls under way finish and be recorded, commits what
   * settled, and releases everything. Commands waiting for a retry stay PENDING and are reconciled
   * on the next start. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (!started || closed) {
      return;
    }
    closed = true;
    if (intake != null) {
      intake.close();
    }
    if (stream != null) {
      stream.close();
    }
    if (links != null) {
      links.close();
    }
    if (linkSink != null) {
      linkSink.close();
    }
    if (results != null) {
      results.close();
    }
    if (aliases != null) {
      aliases.close();
    }
    if (journal != null) {
      journal.close();
    }
    if (follower != null) {
      follower.close();
    }
    if (calls != null) {
      calls.shutdownNow();
      retries.shutdownNow();
    }
    if (client != null) {
      client.close();
    }
    LOG.info("dispatcher closed");
  }

  /**
   * Stops at once, as a killed process would: nothing more is written or committed, an open
   * transaction stays open until the next instance with the same transactional id aborts it.
   */
  synchronized void halt() {
    if (!started || closed) {
      return;
    }
    closed = true;
    dispatch.halt();
    journal.halt();
    intake.halt();
    stream.close();
    if (links != null) {
      links.close();
      linkSink.close();
    }
    results.close();
    aliases.close();
    follower.close();
    calls.shutdownNow();
    retries.shutdownNow();
    client.close();
    LOG.warn("dispatcher halted");
  }

  /** Something broken for everyone: record it, say it, and stop (style.md §7). */
  private void fail(Throwable cause) {
    if (!failure.compareAndSet(null, cause)) {
      return;
    }
    LOG.error("dispatcher stopping: {}", cause.getMessage(), cause);
    Thread stopper = new Thread(this::close, "switchboard-dispatcher-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  /** The one stream subscription, shared by the alias sync and the results. */
  private final class Events implements StreamListener {
    @Override
    public void onEvent(StreamEvent event) {
      aliases.onEvent(event);
      results.onEvent(event);
    }

    @Override
    public void onReconnect() {
      aliases.onReconnect();
      results.onReconnect();
    }

    @Override
    public void onDisconnect(StackStormException cause) {
      if (cause instanceof StackStormAuthFailed) {
        fail(cause);
      }
    }
  }

  private static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread =
          new Thread(task, "switchboard-dispatcher-" + name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
