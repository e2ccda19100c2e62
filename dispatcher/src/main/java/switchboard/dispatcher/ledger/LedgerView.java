package switchboard.dispatcher.ledger;

import java.util.Optional;
import switchboard.records.DispatchLedgerEntry;

/** Read access to the ledger, as a journal precondition sees it. */
@FunctionalInterface
public interface LedgerView {

  /** The latest entry of a request, including writes earlier in the same transaction. */
  Optional<DispatchLedgerEntry> get(String requestId);
}
