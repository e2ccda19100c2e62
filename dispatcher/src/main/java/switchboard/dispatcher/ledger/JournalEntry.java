package switchboard.dispatcher.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import switchboard.records.DispatchLedgerEntry;

/**
 * What one step of the dispatcher writes atomically: ledger entries, the records they imply
 * (replies, execution updates, audit records, dead letters) and the command offsets they settle.
 * Immutable; build it with {@link #of(Outgoing...)} and the {@code with...} methods.
 *
 * @param records written in order, in the same transaction as the ledger entries
 * @param ledger written to {@code chatops.dispatch.ledger} and applied to the in-memory {@link
 *     Ledger} once the transaction has committed
 * @param settlements run when the entry joins a transaction, before that transaction's consumer
 *     offsets are taken, so an offset is committed together with what settled it
 * @param precondition checked on the journal's thread against the ledger (including earlier entries
 *     of the same transaction); when false nothing of the entry is written and its future completes
 *     with {@code false}. It is what makes "exactly one result" hold when an announcement and the
 *     fallback race
 */
public record JournalEntry(
    List<Outgoing> records,
    List<DispatchLedgerEntry> ledger,
    List<Runnable> settlements,
    Predicate<LedgerView> precondition) {

  public JournalEntry {
    records = List.copyOf(records);
    ledger = List.copyOf(ledger);
    settlements = List.copyOf(settlements);
  }

  public static JournalEntry of(Outgoing... records) {
    return new JournalEntry(List.of(records), List.of(), List.of(), view -> true);
  }

  public JournalEntry with(Outgoing record) {
    List<Outgoing> more = new ArrayList<>(records);
    more.add(record);
    return new JournalEntry(more, ledger, settlements, precondition);
  }

  /** Adds records that may be absent (an ack the alias does not want). */
  public JournalEntry withAll(List<Outgoing> more) {
    List<Outgoing> all = new ArrayList<>(records);
    all.addAll(more);
    return new JournalEntry(all, ledger, settlements, precondition);
  }

  public JournalEntry withLedger(DispatchLedgerEntry entry) {
    List<DispatchLedgerEntry> more = new ArrayList<>(ledger);
    more.add(entry);
    return new JournalEntry(records, more, settlements, precondition);
  }

  public JournalEntry settling(List<Runnable> more) {
    List<Runnable> all = new ArrayList<>(settlements);
    all.addAll(more);
    return new JournalEntry(records, ledger, all, precondition);
  }

  public JournalEntry onlyIf(Predicate<LedgerView> condition) {
    return new JournalEntry(records, ledger, settlements, precondition.and(condition));
  }
}
