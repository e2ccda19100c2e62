package switchboard.bench.e2e;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer polled on a thread of its own until closed; each batch goes to a handler with the
 * {@link System#nanoTime()} at which it arrived. The thread's name says whose CPU it is ({@link
 * ProcessMeter}).
 */
final class PollLoop implements AutoCloseable {

  /** Handles one batch; runs on the loop's thread. */
  interface Handler<K, V> {
    void handle(ConsumerRecords<K, V> records, long arrivedNanos);
  }

  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<?, ?> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  private <K, V> PollLoop(
      String name, KafkaConsumer<K, V> consumer, Handler<K, V> handler, AutoCloseable after) {
    this.consumer = consumer;
    this.thread =
        new Thread(
            () -> {
              try {
                while (running) {
                  ConsumerRecords<K, V> records = consumer.poll(POLL);
                  handler.handle(records, System.nanoTime());
                }
              } catch (WakeupException e) {
                // close() asked to stop
              } catch (RuntimeException e) {
                LOG.error("{} failed: what it should have read will be missing", name, e);
              } finally {
                consumer.close(Duration.ofSeconds(1));
                closeQuietly(name, after);
              }
            },
            name);
  }

  /**
   * Starts polling {@code consumer} (already subscribed) on a thread called {@code name}; {@code
   * after} is closed with it.
   */
  static <K, V> PollLoop start(
      String name, KafkaConsumer<K, V> consumer, Handler<K, V> handler, AutoCloseable after) {
    PollLoop loop = new PollLoop(name, consumer, handler, after);
    loop.thread.start();
    return loop;
  }

  private static void closeQuietly(String name, AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.warn("closing what {} used failed", name, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10).toMillis());
  }
}
