package switchboard.notifier;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which offsets of one partition are settled (delivered, skipped as duplicates or dead-lettered),
 * and so how far the group may commit. Replies of different conversations in one partition settle
 * out of order; the commit position only moves past an offset once every offset received before it
 * has settled too, so a crash re-delivers replies rather than losing them.
 *
 * <p>Offsets need not be consecutive: compaction and transaction markers leave gaps, so the order
 * of receipt, not arithmetic, decides what comes next. Thread-safe: offsets are received on the
 * poll thread and settle on delivery threads.
 */
final class PartitionProgress {

  private final ArrayDeque<Long> unsettled = new ArrayDeque<>();
  private final Set<Long> settledAhead = new HashSet<>();
  private long position = -1;
  private long offered = -1;

  /** An offset was handed to delivery; offsets arrive in increasing order. */
  synchronized void received(long offset) {
    unsettled.addLast(offset);
  }

  /** An offset previously {@link #received} has settled. */
  synchronized void settled(long offset) {
    settledAhead.add(offset);
    while (!unsettled.isEmpty() && settledAhead.remove(unsettled.peekFirst())) {
      position = unsettled.removeFirst() + 1;
    }
  }

  /** The offset to commit (the next one to read): empty until the first received offset settles. */
  synchronized OptionalLong position() {
    return position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
  }

  /**
   * The {@link #position} if it moved since the last call, so unchanged positions are not re-sent.
   */
  synchronized OptionalLong advance() {
    if (position <= offered) {
      return OptionalLong.empty();
    }
    offered = position;
    return OptionalLong.of(position);
  }
}
