package switchboard.dispatcher.execution;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which offsets of one {@code chatops.commands} partition are settled (their outcome is in a
 * journal transaction), and so how far the group may commit. Commands settle out of order (one
 * waits for StackStorm, the next is rejected at once); the position only moves past an offset once
 * every offset received before it has settled, so a crash re-reads commands rather than losing
 * them. The same idea as the notifier's tracker of the same name.
 *
 * <p>Offsets need not be consecutive (compaction and transaction markers leave gaps), so the order
 * of receipt decides what comes next. Thread-safe: offsets arrive on the poll thread and settle on
 * the journal's.
 */
final class PartitionProgress {

  private final ArrayDeque<Long> unsettled = new ArrayDeque<>();
  private final Set<Long> settledAhead = new HashSet<>();
  private long position = -1;
  private long offered = -1;

  /** An offset was read; offsets arrive in increasing order. */
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

  /** The position (next offset to read) if it moved since the last call; empty otherwise. */
  synchronized OptionalLong advance() {
    if (position <= offered) {
      return OptionalLong.empty();
    }
    offered = position;
    return OptionalLong.of(position);
  }

  /** Offsets read and not yet settled. */
  synchronized int unsettled() {
    return unsettled.size();
  }
}
