package switchboard.notifier;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.ChatConnector;
import switchboard.records.DeadLetter;
import switchboard.records.Reply;
import switchboard.schemas.ConversationKeys;
import switchboard.schemas.DeadLetterSink;
import switchboard.schemas.ReasonCode;
import switchboard.schemas.Topics;
import switchboard.schemas.offsets.PartitionProgress;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The notifier component: reads {@code chatops.replies} and posts each reply through the connector
 * instance its conversation names, never dropping one silently. Unreadable records and replies for
 * connectors that do not run here go to {@code chatops.deadletter} at once; replies that cannot be
 * delivered after their retries follow (style.md §7). An offset is committed only once it and every
 * offset before it in its partition is delivered or dead-lettered, so a crash re-delivers rather
 * than loses.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()}; one poll thread owns the consumer.
 */
public final class Notifier implements AutoCloseable {

  /** The component name on dead letters. */
  public static final String COMPONENT = "notifier";

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  private final NotifierConfig config;
  private final Topics topics;
  private final RecordSerdes serdes;
  private final ConnectorLookup connectors;
  private final NotifierMetrics metrics;
  private final Clock clock;

  /** Replies read and not yet settled, across partitions; the back-pressure measure. */
  private final AtomicInteger unsettled = new AtomicInteger();

  /** Touched only by the poll thread (and the rebalance callbacks it runs). */
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();

  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<String, DeadLetter> producer;
  private DeadLetterSink deadLetters;
  private ScheduledExecutorService deliveryPool;
  private ExecutorService deadLetterWriter;
  private ConversationQueues queues;
  private Thread pollThread;
  private volatile boolean running;
  private volatile Throwable failure;

  /**
   * @param config validated settings
   * @param topics topic names ({@code replies()} is read, {@code deadLetters()} written)
   * @param serdes record serdes bound to the schema registry
   * @param connectors the running connector instances, by instance name
   * @param meters where the notifier's meters are registered
   * @param clock time of dead letters and of delivery waits
   */
  public Notifier(
      NotifierConfig config,
      Topics topics,
      RecordSerdes serdes,
      ConnectorLookup connectors,
      MeterRegistry meters,
      Clock clock) {
    this.config = config;
    this.topics = topics;
    this.serdes = serdes;
    this.connectors = connectors;
    this.metrics = new NotifierMetrics(meters);
    this.clock = clock;
    metrics.watchUnsettled(unsettled);
  }

  /** Connects to Kafka and starts reading replies on a background thread; call once. */
  public synchronized void start() {
    if (pollThread != null) {
      throw new IllegalStateException("the notifier is already started");
    }
    producer =
        new KafkaProducer<>(
            config.producerConfig(),
            RecordSerdes.key().serializer(),
            serdes.value(topics.deadLetters()).serializer());
    deadLetters = new DeadLetterSink(producer, topics, COMPONENT, clock);
    consumer =
        new KafkaConsumer<>(
            config.consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    deliveryPool =
        Executors.newScheduledThreadPool(config.deliveryThreads(), named("notifier-delivery"));
    // One writer keeps the poll and delivery threads from waiting on dead-letter acks.
    deadLetterWriter = Executors.newSingleThreadExecutor(named("notifier-deadletter"));
    queues =
        new ConversationQueues(
            config.deliverySettings(), DeliveryScheduler.on(deliveryPool, clock), metrics);
    running = true;
    pollThread = named("notifier-poll").newThread(this::pollLoop);
    pollThread.start();
  }

  /**
   * Why the notifier stopped on its own (the dead-letter topic could not be written), if it did.
   */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Stops reading, waits up to {@code notifier.shutdown.timeout.ms} for replies already read to
   * settle, commits what settled and releases everything. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (pollThread == null) {
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      pollThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deliveryPool.shutdownNow();
    deadLetterWriter.shutdown();
    try {
      deadLetterWriter.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
    pollThread = null;
  }

  private void pollLoop() {
    try {
      consumer.subscribe(List.of(topics.replies().name()), new Rebalance());
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          accept(record);
        }
        if (failure != null) {
          throw new IllegalStateException("cannot write dead letters", failure);
        }
        applyBackPressure();
        commitAsync();
      }
    } catch (WakeupException e) {
      // close() asked the poll to return.
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
      LOG.error("notifier stopped: {}", e.getMessage(), e);
    } finally {
      if (failure == null) {
        awaitSettled(config.shutdownTimeout());
      }
      commitSync(progress.keySet());
      consumer.close();
    }
  }

  /** Hands one record to delivery, or to the dead-letter topic when it cannot be delivered. */
  private void accept(ConsumerRecord<byte[], byte[]> record) {
    PartitionProgress partition =
        progress.computeIfAbsent(
            new TopicPartition(record.topic(), record.partition()), p -> new PartitionProgress());
    partition.received(record.offset());
    unsettled.incrementAndGet();
    Delivery delivery;
    try {
      DecodeResult<Reply> decoded = serdes.decode(topics.replies(), record.value());
      if (decoded instanceof DecodeResult.Undecodable<Reply> undecodable) {
        deadLetter(
            record,
            partition,
            NotifierMetrics.NO_CONNECTOR,
            undecodable.reason(),
            undecodable.message());
        return;
      }
      Reply reply = ((DecodeResult.Decoded<Reply>) decoded).value();
      String instance = reply.getConversation().getConnector();
      Optional<ChatConnector> connector = connectors.find(instance);
      if (connector.isEmpty()) {
        deadLetter(
            record,
            partition,
            NotifierMetrics.NO_CONNECTOR,
            ReasonCode.UNKNOWN_CONNECTOR,
            "no connector instance '" + instance + "' runs in this notifier");
        return;
      }
      delivery =
          new Delivery(
              ConversationKeys.of(reply.getConversation()),
              instance,
              connector.get(),
              ReplyMapping.toOutbound(reply));
    } catch (RuntimeException e) {
      deadLetter(
          record,
          partition,
          NotifierMetrics.NO_CONNECTOR,
          ReasonCode.PROCESSING_FAILED,
          e.toString());
      return;
    }
    queues.submit(
        delivery, settlement -> settle(record, partition, delivery.connector(), settlement));
  }

  private void settle(
      ConsumerRecord<byte[], byte[]> record,
      PartitionProgress partition,
      String connector,
      Settlement settlement) {
    if (settlement instanceof Settlement.Undeliverable undeliverable) {
      deadLetter(record, partition, connector, undeliverable.reason(), undeliverable.message());
      return;
    }
    if (settlement instanceof Settlement.Duplicate duplicate) {
      LOG.debug("skipped reply {} read again at offset {}", duplicate.replyId(), record.offset());
    }
    settled(partition, record.offset());
  }

  /**
   * Sends the record to the dead-letter topic and settles its offset once the broker has it, so the
   * offset is never committed ahead of its dead letter.
   */
  private void deadLetter(
      ConsumerRecord<byte[], byte[]> record,
      PartitionProgress partition,
      String connector,
      ReasonCode reason,
      String message) {
    try {
      deadLetterWriter.execute(
          () -> {
            try {
              deadLetters.send(record, reason, message).get();
            } catch (ExecutionException e) {
              failure = e.getCause();
              return;
            } catch (RuntimeException e) {
              failure = e;
              return;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            metrics.deadLettered(connector, reason);
            LOG.warn(
                "dead-lettered {}-{}@{} ({}, connector {}): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                reason,
                connector,
                message);
            settled(partition, record.offset());
          });
    } catch (RejectedExecutionException e) {
      // Only after close() gave up waiting: the offset stays uncommitted and is read again.
      LOG.warn(
          "not dead-lettered while closing, will be read again: {}-{}@{} ({}): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          reason,
          message);
    }
  }

  private void settled(PartitionProgress partition, long offset) {
    partition.settled(offset);
    if (unsettled.decrementAndGet() == 0) {
      synchronized (unsettled) {
        unsettled.notifyAll();
      }
    }
  }

  private void awaitSettled(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (unsettled) {
      long left;
      while (unsettled.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(unsettled, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops fetching while too many replies are unsettled, so memory stays bounded. */
  private void applyBackPressure() {
    if (unsettled.get() >= config.maxInFlight()) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    progress.forEach(
        (partition, state) -> {
          OptionalLong position = state.advance();
          if (position.isPresent()) {
            offsets.put(partition, new OffsetAndMetadata(position.getAsLong()));
          }
        });
    if (!offsets.isEmpty()) {
      consumer.commitAsync(
          offsets,
          (committed, e) -> {
            if (e != null) {
              LOG.warn(
                  "commit of {} failed; a later commit covers it: {}", committed, e.toString());
            }
          });
    }
  }

  private void commitSync(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionProgress state = progress.get(partition);
      OptionalLong position = state == null ? OptionalLong.empty() : state.position();
      if (position.isPresent()) {
        offsets.put(partition, new OffsetAndMetadata(position.getAsLong()));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      try {
        consumer.commitSync(offsets);
      } catch (WakeupException e) {
        // close() woke the consumer after the last poll returned; that wake-up is spent now.
        consumer.commitSync(offsets);
      }
    } catch (KafkaException e) {
      LOG.warn("commit of {} failed; those replies will be read again: {}", offsets, e.toString());
    }
  }

  /**
   * Commits settled offsets of partitions that go away. Deliveries already under way still finish,
   * but settle into a detached {@link PartitionProgress}; if the partition comes back, the
   * duplicate check keeps a re-read reply from being posted twice.
   */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitSync(partitions);
      partitions.forEach(progress::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(p -> progress.put(p, new PartitionProgress()));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(progress::remove);
    }
  }

  private static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "switchboard-" + name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
