package switchboard.matcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * One compacted topic as a global store, and the immutable view compiled from it, shared by every
 * task of one Streams instance: the alias catalogue, the identity directory, the policy rules.
 *
 * <p>The store keeps the record bytes, so one unreadable record can never stop the global thread;
 * it is skipped (and logged) when the view is rebuilt. The view is rebuilt once after each change,
 * lazily, on the next message that asks for it, instead of once per task or per message. A change
 * therefore applies to the next message without a restart.
 *
 * @param <V> the record type of the topic
 * @param <S> the compiled view
 */
final class SharedTable<V extends SpecificRecord, S> {

  private static final Logger LOG = LoggerFactory.getLogger(SharedTable.class);

  private record Versioned<S>(long version, S view) {}

  private final String storeName;
  private final TopicSpec<V> topic;
  private final RecordSerdes serdes;
  private final Function<Map<String, V>, S> compile;
  private final AtomicLong version = new AtomicLong(1);
  private volatile Versioned<S> current;

  /**
   * @param storeName the global store's name, stating its business meaning
   * @param empty the view before anything was read
   * @param compile builds the view from the readable records, by key in key order; pure
   */
  SharedTable(
      String storeName,
      TopicSpec<V> topic,
      RecordSerdes serdes,
      S empty,
      Function<Map<String, V>, S> compile) {
    this.storeName = storeName;
    this.topic = topic;
    this.serdes = serdes;
    this.compile = compile;
    this.current = new Versioned<>(0, empty);
  }

  /** Adds the global store and the processor that keeps it in step with the topic. */
  void addTo(StreamsBuilder builder, String sourceName) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(storeName), Serdes.String(), Serdes.Bytes())
            .withLoggingDisabled(),
        topic.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(sourceName),
        Updater::new);
  }

  /** The current view, for a processor whose context can see the global store. */
  Supplier<S> view(ProcessorContext<?, ?> context) {
    ReadOnlyKeyValueStore<String, Bytes> store = context.getStateStore(storeName);
    return () -> current(store);
  }

  private S current(ReadOnlyKeyValueStore<String, Bytes> store) {
    Versioned<S> snapshot = current;
    long wanted = version.get();
    if (snapshot.version() == wanted) {
      return snapshot.view();
    }
    synchronized (this) {
      if (current.version() != wanted) {
        current = new Versioned<>(wanted, compile.apply(read(store)));
      }
      return current.view();
    }
  }

  private Map<String, V> read(ReadOnlyKeyValueStore<String, Bytes> store) {
    Map<String, V> records = new LinkedHashMap<>();
    try (KeyValueIterator<String, Bytes> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Bytes> entry = all.next();
        DecodeResult<V> decoded = serdes.decode(topic, entry.value.get());
        if (decoded instanceof DecodeResult.Decoded<V> d) {
          records.put(entry.key, d.value());
        } else if (decoded instanceof DecodeResult.Undecodable<V> u) {
          LOG.error(
              "record {} on {} cannot be read and is ignored: {}",
              entry.key,
              topic.name(),
              u.message());
        }
      }
    }
    return records;
  }

  /** Keeps the global store in step with the topic; a tombstone deletes. */
  private final class Updater implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, Bytes> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), Bytes.wrap(record.value()));
      }
      version.incrementAndGet();
    }
  }
}
