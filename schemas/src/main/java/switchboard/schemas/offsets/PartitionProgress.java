package switchboard.schemas.offsets;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which offsets of one partition are settled (delivered, dead-lettered, or recorded in a
 * transaction), and so how far a consumer group may commit. Records of one partition settle out of
 * order (one waits for a slow conversation or for StackStorm, the next is done at once); the commit
 * position only moves past an offset once every offset received before it has settled too, so a
 * crash re-reads records rather than losing them. Used by the notifier and the dispatcher.
 *
 * <p>Offsets need not be consecutive: compaction and transaction markers leave gaps, so the order
 * of receipt, not arithmetic, decides what comes next. Thread-safe: offsets are received on the
 * poll thread and settle on others.
 */
public final class PartitionProgress {

  private final ArrayDeque<Long> unsettled = new ArrayDeque<>();
  private final Set<Long> settledAhead = new HashSet<>();
  private long position = -1;
  private long offered = -1;

  /** An offset was handed to delivery; offsets arrive in increasing order. */
  public synchronized void received(long offset) {
    unsettled.addLast(offset);
  }

  /** An offset previously {@link #received} has settled. */
  public synchronized void settled(long offset) {
    settledAhead.add(offset);
    while (!unsettled.isEmpty() && settledAhead.remove(unsettled.peekFirst())) {
      position = unsettled.removeFirst() + 1;
    }
  }

  /** The offset to commit (the next one to read): empty until the first received offset settles. */
  public synchronized OptionalLong position() {
    return position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
  }

  /**
   * The {@link #position} if it moved since the last call, so unchanged positions are not re-sent.
   */
  public synchronized OptionalLong advance() {
    if (position <= offered) {
      return OptionalLong.empty();
    }
    offered = position;
    return OptionalLong.of(position);
  }

  /** Offsets received and not yet settled. */
  public synchronized int unsettled() {
    return unsettled.size();
  }
}
