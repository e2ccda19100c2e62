package switchboard.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.FormatProblem;
import switchboard.matcher.match.IndexedAliasMatcher;
import switchboard.records.AliasDefinition;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The compiled alias catalogue of one Streams instance, shared by all its tasks: the global store
 * holds the alias records, and this rebuilds the indexed matcher from it once after each change,
 * lazily, instead of once per task or per message.
 */
final class AliasCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(AliasCatalog.class);

  /** An immutable view: the aliases and the matcher compiled from them. */
  record Snapshot(long version, List<Alias> aliases, IndexedAliasMatcher matcher) {}

  private final TopicSpec<AliasDefinition> topic;
  private final RecordSerdes serdes;
  private final int suggestionLimit;
  private final AtomicLong version = new AtomicLong(1);
  private volatile Snapshot current =
      new Snapshot(0, List.of(), new IndexedAliasMatcher(List.of()));

  AliasCatalog(TopicSpec<AliasDefinition> topic, RecordSerdes serdes, int suggestionLimit) {
    this.topic = topic;
    this.serdes = serdes;
    this.suggestionLimit = suggestionLimit;
  }

  /** Called by the global store's processor after every alias record. */
  void changed() {
    version.incrementAndGet();
  }

  /** The catalogue as the store holds it now. */
  Snapshot current(ReadOnlyKeyValueStore<String, Bytes> store) {
    Snapshot snapshot = current;
    long wanted = version.get();
    if (snapshot.version() == wanted) {
      return snapshot;
    }
    synchronized (this) {
      if (current.version() != wanted) {
        current = rebuild(store, wanted);
      }
      return current;
    }
  }

  private Snapshot rebuild(ReadOnlyKeyValueStore<String, Bytes> store, long wanted) {
    List<Alias> aliases = new ArrayList<>();
    try (KeyValueIterator<String, Bytes> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Bytes> entry = all.next();
        DecodeResult<AliasDefinition> decoded = serdes.decode(topic, entry.value.get());
        if (decoded instanceof DecodeResult.Decoded<AliasDefinition> d) {
          aliases.add(AliasDefinitions.toAlias(d.value()));
        } else if (decoded instanceof DecodeResult.Undecodable<AliasDefinition> u) {
          LOG.error(
              "alias {} on {} cannot be read and is ignored: {}",
              entry.key,
              topic.name(),
              u.message());
        }
      }
    }
    IndexedAliasMatcher matcher = new IndexedAliasMatcher(aliases, suggestionLimit);
    for (FormatProblem problem : matcher.problems()) {
      LOG.warn("alias format skipped, other aliases keep working: {}", problem);
    }
    LOG.info("alias catalogue: {} aliases compiled", aliases.size());
    return new Snapshot(wanted, List.copyOf(aliases), matcher);
  }
}
