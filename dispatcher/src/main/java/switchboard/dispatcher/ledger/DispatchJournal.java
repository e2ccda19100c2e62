package switchboard.dispatcher.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.records.DispatchLedgerEntry;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The dispatcher's single writer: every ledger entry, with the replies, execution updates, audit
 * records and command offsets it goes with, is written by one thread through one transactional
 * producer, in Kafka transactions. A reader with {@code isolation.level=read_committed} (the
 * notifier, the ledger follower, a restarted dispatcher) therefore sees a command SUBMITTED, its
 * ack, its EXECUTED audit record and its consumed offset together or not at all.
 *
 * <p>Entries queue up and are committed in batches (group commit), in the order they were written.
 * The futures of {@link #write} complete after the commit, with {@code false} when the entry's
 * precondition did not hold. When a transaction is aborted, every entry of that batch fails and the
 * {@link Listener} is told, so the command consumer can go back to its committed offsets. A
 * producer left in an error state that nobody fenced (the broker answering a retried commit with
 * {@code INVALID_TXN_STATE}, an out-of-order sequence) is replaced by a new one, whose {@code
 * initTransactions} aborts what the old one left open, and the batch counts as aborted; a fenced
 * producer, or one that keeps failing, stops the journal for good.
 *
 * <p>{@link #initTransactions()} must run before the ledger is read: it aborts what a crashed
 * predecessor with the same {@code transactional.id} left open, which would otherwise hide
 * everything after it from read_committed readers until the transaction timed out.
 */
public final class DispatchJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchJournal.class);
  private static final int MAX_BATCH = 500;
  private static final Duration IDLE_WAIT = Duration.ofMillis(50);

  /** Producers replaced in a row without a commit in between, before the journal gives up. */
  private static final int MAX_REPLACEMENTS = 3;

  /** Where the consumed command offsets come from; implemented by the command consumer. */
  public interface ConsumerPosition {

    /** Offsets that moved since they were last handed out, of the partitions still owned. */
    Map<TopicPartition, OffsetAndMetadata> advancedOffsets();

    /** The consumer's group metadata of its latest poll; fences commits of an older generation. */
    ConsumerGroupMetadata groupMetadata();
  }

  /** Told about the journal's transactions; called on the journal's thread, so keep it short. */
  public interface Listener {

    /** These ledger entries are committed and applied to the in-memory ledger. */
    default void committed(Collection<DispatchLedgerEntry> entries) {}

    /**
     * A transaction was aborted: its entries failed, and the command offsets handed out for it were
     * not committed.
     */
    default void aborted(KafkaException cause) {}

    /** The journal cannot write any more. */
    default void failed(Throwable cause) {}
  }

  private record Queued(JournalEntry entry, CompletableFuture<Boolean> done) {}

  private final Supplier<Producer<String, byte[]>> producers;
  private volatile Producer<String, byte[]> producer;
  private int replacements;
  private final TopicSpec<DispatchLedgerEntry> ledgerTopic;
  private final RecordSerdes serdes;
  private final Ledger ledger;
  private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile Listener listener = new Listener() {};
  private volatile ConsumerPosition position;
  private volatile boolean stopping;
  private volatile boolean halted;
  private volatile Throwable failure;

  /**
   * @param producers makes a transactional producer ({@code transactional.id} set, the same each
   *     time); one is made now, another only when it has to be replaced; used only by the journal's
   *     thread from {@link #start()} on
   */
  public DispatchJournal(
      Supplier<Producer<String, byte[]>> producers,
      Topics topics,
      RecordSerdes serdes,
      Ledger ledger) {
    this.producers = producers;
    this.producer = producers.get();
    this.ledgerTopic = topics.dispatchLedger();
    this.serdes = serdes;
    this.ledger = ledger;
    this.writer = new Thread(this::run, "switchboard-dispatcher-journal");
    writer.setDaemon(true);
  }

  /** Registers the producer's transactional id, fencing and aborting a predecessor's leftovers. */
  public void initTransactions() {
    producer.initTransactions();
  }

  public void listener(Listener value) {
    this.listener = value;
  }

  /** The consumer whose offsets commit with the journal's transactions. */
  public void attach(ConsumerPosition consumer) {
    this.position = consumer;
  }

  /** Starts the writer thread; after {@link #initTransactions()}. */
  public void start() {
    writer.start();
  }

  /**
   * Queues an entry for the next transaction.
   *
   * @return completes with {@code true} once committed, {@code false} when its precondition did not
   *     hold; exceptionally when its transaction failed or the journal is stopped
   */
  public CompletableFuture<Boolean> write(JournalEntry entry) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    if (failure != null || halted) {
      done.completeExceptionally(new IllegalStateException("the dispatch journal is stopped"));
      return done;
    }
    queue.add(new Queued(entry, done));
    return done;
  }

  /** Completes when everything written before it has been committed (or has failed). */
  public CompletableFuture<Boolean> flush() {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    queue.add(new Queued(null, done));
    return done;
  }

  /** Why the journal stopped writing, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Commits what is queued, then closes the producer. */
  @Override
  public void close() {
    stopping = true;
    join(writer);
    if (!halted) {
      producer.close();
    }
  }

  /**
   * Stops at once as a crashed process would: nothing more is committed, an open transaction stays
   * open until the next instance with the same transactional id aborts it. For crash tests.
   */
  public void halt() {
    halted = true;
    writer.interrupt();
    producer.close(Duration.ZERO);
    join(writer);
  }

  private void run() {
    List<Queued> batch = new ArrayList<>();
    try {
      while (!halted && (!stopping || !queue.isEmpty())) {
        Queued first = queue.poll(IDLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        if (!commit(batch)) {
          return;
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Throwable cause = failure != null ? failure : new IllegalStateException("journal stopped");
      batch.forEach(q -> q.done().completeExceptionally(cause));
      queue.forEach(q -> q.done().completeExceptionally(cause));
      queue.clear();
    }
  }

  /**
   * Writes one batch in one transaction.
   *
   * @return false when the journal cannot go on
   */
  private boolean commit(List<Queued> batch) {
    Map<String, DispatchLedgerEntry> written = new LinkedHashMap<>();
    LedgerView view = id -> written.containsKey(id) ? Optional.of(written.get(id)) : ledger.get(id);
    List<Queued> kept = new ArrayList<>();
    List<Queued> refused = new ArrayList<>();
    boolean open = false;
    try {
      for (Queued queued : batch) {
        JournalEntry entry = queued.entry();
        if (entry == null) {
          kept.add(queued);
          continue;
        }
        if (!entry.precondition().test(view)) {
          refused.add(queued);
          continue;
        }
        if (!open) {
          producer.beginTransaction();
          open = true;
        }
        for (DispatchLedgerEntry ledgerEntry : entry.ledger()) {
          send(ledgerTopic, ledgerEntry.getRequestId(), ledgerEntry);
          written.put(ledgerEntry.getRequestId(), ledgerEntry);
        }
        for (Outgoing record : entry.records()) {
          send(record.topic(), record.key(), record.value());
        }
        entry.settlements().forEach(Runnable::run);
        kept.add(queued);
      }
      ConsumerPosition consumer = position;
      Map<TopicPartition, OffsetAndMetadata> offsets =
          consumer == null ? Map.of() : consumer.advancedOffsets();
      if (!offsets.isEmpty()) {
        if (!open) {
          producer.beginTransaction();
          open = true;
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      if (open) {
        producer.commitTransaction();
      }
    } catch (ProducerFencedException
        | FencedInstanceIdException
        | AuthorizationException
        | UnsupportedVersionException e) {
      return stop(batch, e);
    } catch (OutOfOrderSequenceException e) {
      return replaceProducer(batch, e);
    } catch (KafkaException | IllegalStateException e) {
      if (halted) {
        return false;
      }
      LOG.warn("dispatch journal transaction failed, aborting it: {}", e.toString());
      try {
        if (open) {
          producer.abortTransaction();
        }
      } catch (KafkaException | IllegalStateException abortFailed) {
        // Fenced while aborting: another instance owns the transactional id now, and a new
        // producer would fence it back.
        return fencedOrForbidden(abortFailed)
            ? stop(batch, abortFailed)
            : replaceProducer(batch, abortFailed);
      }
      // The listener first: by the time a writer learns of the failure, the rewind is asked for.
      tell(() -> listener.aborted(e instanceof KafkaException k ? k : new KafkaException(e)));
      batch.forEach(q -> q.done().completeExceptionally(e));
      return true;
    }
    if (open) {
      // Only a committed transaction proves the producer works; empty batches prove nothing.
      replacements = 0;
    }
    written.values().forEach(ledger::merge);
    if (!written.isEmpty()) {
      List<DispatchLedgerEntry> entries = List.copyOf(written.values());
      tell(() -> listener.committed(entries));
    }
    kept.forEach(q -> q.done().complete(true));
    refused.forEach(q -> q.done().complete(false));
    return true;
  }

  private static boolean fencedOrForbidden(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException
          || t instanceof FencedInstanceIdException
          || t instanceof InvalidProducerEpochException
          || t instanceof AuthorizationException
          || t instanceof UnsupportedVersionException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The producer is in an error state nobody fenced it into: a new one with the same transactional
   * id aborts whatever the old one left open, and the batch fails as an aborted one does, so the
   * commands are read again from their committed offsets.
   *
   * @return false when the journal cannot go on
   */
  private boolean replaceProducer(List<Queued> batch, Throwable cause) {
    if (halted) {
      return false;
    }
    if (++replacements > MAX_REPLACEMENTS) {
      return stop(batch, cause);
    }
    LOG.warn("dispatch journal producer unusable, starting a new one: {}", cause.toString());
    producer.close(Duration.ZERO);
    try {
      producer = producers.get();
      producer.initTransactions();
    } catch (KafkaException | IllegalStateException e) {
      e.addSuppressed(cause);
      return stop(batch, e);
    }
    KafkaException aborted = cause instanceof KafkaException k ? k : new KafkaException(cause);
    tell(() -> listener.aborted(aborted));
    batch.forEach(q -> q.done().completeExceptionally(cause));
    return true;
  }

  private boolean stop(List<Queued> batch, Throwable cause) {
    if (!halted) {
      LOG.error("dispatch journal stopped: {}", cause.toString(), cause);
    }
    failure = cause;
    tell(() -> listener.failed(cause));
    batch.forEach(q -> q.done().completeExceptionally(cause));
    return false;
  }

  /** A listener that throws must not stop the writer. */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("dispatch journal listener failed", e);
    }
  }

  @SuppressWarnings("unchecked")
  private void send(TopicSpec<?> topic, String key, SpecificRecord value) {
    Serializer<SpecificRecord> serializer =
        (Serializer<SpecificRecord>) (Serializer<?>) serdes.value(topic).serializer();
    producer.send(
        new ProducerRecord<>(topic.name(), key, serializer.serialize(topic.name(), value)));
  }

  private static void join(Thread thread) {
    if (!thread.isAlive()) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
