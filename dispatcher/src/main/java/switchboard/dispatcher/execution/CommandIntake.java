package switchboard.dispatcher.execution;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.dispatcher.ledger.DispatchJournal;
import switchboard.dispatcher.ledger.JournalEntry;
import switchboard.dispatcher.ledger.LedgerFollower;
import switchboard.dispatcher.ledger.Outgoing;
import switchboard.records.CommandRequest;
import switchboard.records.DeadLetter;
import switchboard.schemas.DeadLetters;
import switchboard.schemas.ReasonCode;
import switchboard.schemas.Topics;
import switchboard.schemas.offsets.PartitionProgress;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Reads {@code chatops.commands} and hands each command to {@link CommandDispatch}; one thread owns
 * the consumer. Offsets are never committed by the consumer itself: the {@link DispatchJournal}
 * sends them in the transaction that settles their commands ({@code sendOffsetsToTransaction}), and
 * only up to the first command still unsettled in each partition ({@link PartitionProgress}).
 *
 * <ul>
 *   <li>Unreadable records become dead letters, settled in the same way.
 *   <li>Too many commands in flight pause reading (back-pressure) until some settle.
 *   <li>Before a newly assigned partition is read, the {@link LedgerFollower} catches up, so
 *       entries another instance wrote for its commands are known.
 *   <li>A partition taken away first has its commands released (calls under way finish and are
 *       written), then the journal is flushed, so its settled offsets commit under this generation.
 *   <li>When a journal transaction aborts, everything in flight is released and the consumer goes
 *       back to its committed offsets: PENDING entries make the re-read commands reconcile.
 * </ul>
 */
public final class CommandIntake implements DispatchJournal.ConsumerPosition, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final RecordSerdes serdes;
  private final CommandDispatch dispatch;
  private final DispatchJournal journal;
  private final LedgerFollower follower;
  private final int maxInFlight;
  private final Duration shutdownTimeout;
  private final Clock clock;
  private final Runnable onAssigned;
  private final Consumer<Throwable> fatal;
  private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> firstRead = new ConcurrentHashMap<>();
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean rewind = new AtomicBoolean();
  private final Thread poller;
  private volatile ConsumerGroupMetadata groupMetadata;
  private volatile int partitionCount;
  private volatile boolean running;
  private volatile boolean halted;

  /**
   * @param consumer byte-array deserializers, read_committed, no auto-commit; used only by the
   *     intake's thread
   * @param onAssigned told (on the poll thread) after partitions were assigned, so results of their
   *     requests are reconciled at once
   * @param fatal told when reading cannot go on
   */
  public CommandIntake(
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
      Topics topics,
      RecordSerdes serdes,
      CommandDispatch dispatch,
      DispatchJournal journal,
      LedgerFollower follower,
      int maxInFlight,
      Duration shutdownTimeout,
      Clock clock,
      Runnable onAssigned,
      Consumer<Throwable> fatal) {
    this.consumer = consumer;
    this.topics = topics;
    this.serdes = serdes;
    this.dispatch = dispatch;
    this.journal = journal;
    this.follower = follower;
    this.maxInFlight = maxInFlight;
    this.shutdownTimeout = shutdownTimeout;
    this.clock = clock;
    this.onAssigned = onAssigned;
    this.fatal = fatal;
    this.poller = new Thread(this::pollLoop, "switchboard-dispatcher-commands");
    poller.setDaemon(true);
  }

  public void start() {
    running = true;
    poller.start();
  }

  /**
   * Whether this instance owns the request: its commands partition is assigned here. Requests are
   * keyed by id on {@code chatops.commands} and on the ledger, which have the same partition count,
   * so the producer's default partitioner (murmur2 of the key) names the partition; results of a
   * request are handled only by its owner, so two instances never reply twice.
   */
  public boolean owns(String requestId) {
    int count = partitionCount;
    if (count == 0) {
      return false;
    }
    int partition =
        Utils.toPositive(Utils.murmur2(requestId.getBytes(StandardCharsets.UTF_8))) % count;
    return owned.contains(partition);
  }

  /** The journal's transaction aborted: release everything and read again from the commits. */
  public void rewind() {
    rewind.set(true);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> advancedOffsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    progress.forEach(
        (partition, state) -> {
          OptionalLong position = state.advance();
          if (position.isPresent()) {
            offsets.put(partition, new OffsetAndMetadata(position.getAsLong()));
          }
        });
    return offsets;
  }

  @Override
  public ConsumerGroupMetadata groupMetadata() {
    return groupMetadata;
  }

  /**
   * Stops reading; calls under way finish and are written, commands waiting for a retry are left
   * for the next start (they are PENDING and reconcile then), settled offsets are committed.
   */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    join();
  }

  /** Stops at once without settling or committing anything, as a crash would. For tests. */
  public void halt() {
    halted = true;
    running = false;
    consumer.wakeup();
    join();
  }

  private void join() {
    if (poller.isAlive() && Thread.currentThread() != poller) {
      try {
        poller.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void pollLoop() {
    try {
      consumer.subscribe(List.of(topics.commands().name()), new Rebalance());
      partitionCount = consumer.partitionsFor(topics.commands().name()).size();
      while (running) {
        var records = consumer.poll(POLL);
        groupMetadata = consumer.groupMetadata();
        if (rewind.getAndSet(false)) {
          goBack();
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          accept(record);
        }
        applyBackPressure();
      }
    } catch (WakeupException e) {
      // close() or halt() asked the poll to return.
    } catch (RuntimeException e) {
      if (!halted) {
        LOG.error("stopped reading commands: {}", e.toString(), e);
        fatal.accept(e);
      }
    } finally {
      if (!halted) {
        letGo(Set.copyOf(progress.keySet()));
      }
      consumer.close();
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    PartitionProgress state = progress.computeIfAbsent(partition, p -> new PartitionProgress());
    state.received(record.offset());
    firstRead.putIfAbsent(partition, record.offset());
    Runnable settle = () -> state.settled(record.offset());
    DecodeResult<CommandRequest> decoded = serdes.decode(topics.commands(), record.value());
    if (decoded instanceof DecodeResult.Decoded<CommandRequest> command) {
      try {
        dispatch.dispatch(command.value(), partition, settle);
        return;
      } catch (RuntimeException e) {
        LOG.error("cannot dispatch command at {}@{}", partition, record.offset(), e);
        deadLetter(record, ReasonCode.PROCESSING_FAILED, e.toString(), settle);
        return;
      }
    }
    DecodeResult.Undecodable<CommandRequest> bad =
        (DecodeResult.Undecodable<CommandRequest>) decoded;
    deadLetter(record, bad.reason(), bad.message(), settle);
  }

  private void deadLetter(
      ConsumerRecord<byte[], byte[]> record, ReasonCode reason, String message, Runnable settle) {
    LOG.warn(
        "dead-lettering {}-{}@{} ({}): {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason,
        message);
    DeadLetter letter =
        DeadLetters.of(
            CommandRecords.COMPONENT,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            reason,
            message,
            clock.instant());
    journal.write(
        JournalEntry.of(new Outgoing(topics.deadLetters(), record.topic(), letter))
            .settling(List.of(settle)));
  }

  private void applyBackPressure() {
    if (dispatch.inFlight() >= maxInFlight) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  /** After an aborted transaction: start over from the committed offsets. */
  private void goBack() {
    Set<TopicPartition> assigned = consumer.assignment();
    LOG.warn(
        "a journal transaction aborted: re-reading commands of {} from their commits", assigned);
    dispatch.release(assigned, shutdownTimeout);
    flushJournal();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    for (TopicPartition partition : assigned) {
      progress.put(partition, new PartitionProgress());
      OffsetAndMetadata commit = committed.get(partition);
      Long first = firstRead.get(partition);
      if (commit != null) {
        consumer.seek(partition, commit.offset());
      } else if (first != null) {
        consumer.seek(partition, first);
      }
    }
  }

  /** Releases the commands of partitions going away and commits what settled. */
  private void letGo(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    dispatch.release(partitions, shutdownTimeout);
    flushJournal();
    partitions.forEach(
        p -> {
          progress.remove(p);
          firstRead.remove(p);
          owned.remove(p.partition());
        });
  }

  private void flushJournal() {
    try {
      journal.flush().get(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("journal flush did not complete: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!halted) {
        letGo(partitions);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (halted || partitions.isEmpty()) {
        return;
      }
      if (!follower.awaitCaughtUp(shutdownTimeout)) {
        LOG.warn("the dispatch ledger did not catch up within {}", shutdownTimeout);
      }
      partitions.forEach(
          p -> {
            progress.put(p, new PartitionProgress());
            firstRead.remove(p);
            owned.add(p.partition());
          });
      LOG.info("reading commands of {}", partitions);
      onAssigned.run();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      dispatch.release(partitions, Duration.ZERO);
      partitions.forEach(
          p -> {
            progress.remove(p);
            firstRead.remove(p);
            owned.remove(p.partition());
          });
    }
  }
}
