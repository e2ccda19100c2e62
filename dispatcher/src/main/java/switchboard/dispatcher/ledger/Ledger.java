package switchboard.dispatcher.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;

/**
 * The dispatch ledger in memory: the latest {@link DispatchLedgerEntry} per request id, filled from
 * the compacted {@code chatops.dispatch.ledger} topic ({@link LedgerFollower}) and from this
 * instance's own committed writes ({@link DispatchJournal}). Entries only move forward ({@link
 * LedgerTransitions#supersedes}), whichever of the two sources delivers first. Thread-safe.
 */
public final class Ledger {

  private final Map<String, DispatchLedgerEntry> byRequestId = new ConcurrentHashMap<>();

  public Optional<DispatchLedgerEntry> get(String requestId) {
    return Optional.ofNullable(byRequestId.get(requestId));
  }

  /** The request's state, or empty when the ledger has never heard of it. */
  public Optional<DispatchState> state(String requestId) {
    return get(requestId).map(DispatchLedgerEntry::getState);
  }

  /**
   * Keeps {@code entry} unless the ledger already holds a newer one for its request.
   *
   * @return whether the entry was kept
   */
  public boolean merge(DispatchLedgerEntry entry) {
    AtomicBoolean kept = new AtomicBoolean();
    byRequestId.compute(
        entry.getRequestId(),
        (id, current) -> {
          if (current == null || LedgerTransitions.supersedes(entry, current)) {
            kept.set(true);
            return entry;
          }
          return current;
        });
    return kept.get();
  }

  /** Every entry in {@code state}, in no particular order. */
  public List<DispatchLedgerEntry> inState(DispatchState state) {
    return byRequestId.values().stream().filter(e -> e.getState() == state).toList();
  }

  public int size() {
    return byRequestId.size();
  }
}
