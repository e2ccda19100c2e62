package switchboard.dispatcher.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.records.DispatchLedgerEntry;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Reads the whole compacted {@code chatops.dispatch.ledger} topic into the {@link Ledger} and keeps
 * following it, so entries written by another dispatcher instance are known here before this
 * instance takes over the commands they belong to ({@link #awaitCaughtUp}).
 *
 * <p>Reads with {@code isolation.level=read_committed}: an entry of an aborted transaction (a
 * SUBMITTED whose ack never went out) never counts. One thread owns the consumer.
 */
public final class LedgerFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerFollower.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Consumer<byte[], byte[]> consumer;
  private final TopicSpec<DispatchLedgerEntry> topic;
  private final RecordSerdes serdes;
  private final Ledger ledger;
  private final Queue<CompletableFuture<Void>> barriers = new ConcurrentLinkedQueue<>();
  private final List<Barrier> waiting = new ArrayList<>();
  private final Thread reader;
  private volatile boolean running;

  private record Barrier(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {}

  /**
   * @param consumer a consumer with byte-array deserializers and read_committed isolation, used
   *     only by the follower from now on
   */
  public LedgerFollower(
      Consumer<byte[], byte[]> consumer,
      TopicSpec<DispatchLedgerEntry> topic,
      RecordSerdes serdes,
      Ledger ledger) {
    this.consumer = consumer;
    this.topic = topic;
    this.serdes = serdes;
    this.ledger = ledger;
    this.reader = new Thread(this::follow, "switchboard-dispatcher-ledger");
    reader.setDaemon(true);
  }

  /**
   * Reads every partition from the beginning up to its end as of now, then keeps following on a
   * background thread.
   *
   * @throws IllegalStateException when the ledger could not be read within {@code timeout}
   */
  public void start(Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic.name(), timeout)) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read the dispatch ledger " + topic.name() + " within " + timeout);
      }
      poll();
    }
    LOG.info("read the dispatch ledger {}: {} requests", topic.name(), ledger.size());
    running = true;
    reader.start();
  }

  /**
   * Completes once the follower has read every entry committed before this call; waits at most
   * {@code timeout}.
   *
   * @return whether it caught up in time
   */
  public boolean awaitCaughtUp(Duration timeout) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    barriers.add(done);
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    if (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close();
    }
  }

  private void follow() {
    try {
      while (running) {
        CompletableFuture<Void> barrier;
        while ((barrier = barriers.poll()) != null) {
          waiting.add(new Barrier(consumer.endOffsets(consumer.assignment()), barrier));
        }
        poll();
        waiting.removeIf(
            b -> {
              if (reached(b.ends())) {
                b.done().complete(null);
                return true;
              }
              return false;
            });
      }
    } catch (WakeupException e) {
      // close() asked the poll to return.
    } catch (RuntimeException e) {
      LOG.error("stopped following the dispatch ledger: {}", e.toString(), e);
    } finally {
      waiting.forEach(b -> b.done().completeExceptionally(new IllegalStateException("closed")));
      consumer.close();
    }
  }

  private void poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      if (record.value() == null) {
        continue;
      }
      DecodeResult<DispatchLedgerEntry> decoded = serdes.decode(topic, record.value());
      if (decoded instanceof DecodeResult.Decoded<DispatchLedgerEntry> entry) {
        ledger.merge(entry.value());
      } else if (decoded instanceof DecodeResult.Undecodable<DispatchLedgerEntry> bad) {
        LOG.error(
            "unreadable dispatch ledger entry at {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            bad.message());
      }
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
