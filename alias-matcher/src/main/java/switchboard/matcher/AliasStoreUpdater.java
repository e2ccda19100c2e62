package switchboard.matcher;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global alias store in step with {@code chatops.aliases} and tells the catalogue to
 * recompile. Values stay bytes here so that one unreadable alias record can never stop the global
 * thread; the catalogue skips it when it rebuilds.
 */
final class AliasStoreUpdater implements Processor<String, byte[], Void, Void> {

  private final AliasCatalog catalog;
  private KeyValueStore<String, Bytes> store;

  AliasStoreUpdater(AliasCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(AliasMatcherTopology.ALIASES_STORE);
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
    catalog.changed();
  }
}
