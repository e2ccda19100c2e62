package switchboard.connector.console;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console's chat history: the last {@code limit} messages of each channel, in memory, and the
 * long polls waiting for the next one. Thread-safe.
 */
final class ConsoleHistory {

  /** The longest a long poll waits; below the idle timeouts of common proxies. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private final int limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final Map<String, Deque<ConsoleMessage>> channels = new HashMap<>();
  private final Map<String, List<ConsoleMessage>> byDedupeKey = new HashMap<>();
  private long lastSeq;
  private boolean closed;

  ConsoleHistory(int limit) {
    this.limit = limit;
  }

  /**
   * What an append did.
   *
   * @param messages the messages now in the history, with their positions
   * @param duplicate true when the dedupe key was seen before and nothing was added
   */
  record Appended(List<ConsoleMessage> messages, boolean duplicate) {}

  /**
   * A read.
   *
   * @param messages the visible messages after the position asked for, oldest first
   * @param next the position to read after next time
   */
  record Page(List<ConsoleMessage> messages, long next) {}

  /**
   * Appends messages to a channel as one group, unless a group with the same dedupe key is still in
   * the history: then returns that group, so a retried post or redelivered reply shows once.
   */
  Appended append(String channel, List<ConsoleMessage> group, String dedupeKey) {
    lock.lock();
    try {
      List<ConsoleMessage> earlier = dedupeKey == null ? null : byDedupeKey.get(dedupeKey);
      if (earlier != null) {
        return new Appended(earlier, true);
      }
      Deque<ConsoleMessage> history = channels.computeIfAbsent(channel, c -> new ArrayDeque<>());
      List<ConsoleMessage> added = new ArrayList<>(group.size());
      for (ConsoleMessage message : group) {
        ConsoleMessage positioned = message.at(++lastSeq);
        history.addLast(positioned);
        added.add(positioned);
      }
      while (history.size() > limit) {
        String evicted = history.removeFirst().dedupeKey();
        if (evicted != null) {
          byDedupeKey.remove(evicted);
        }
      }
      if (dedupeKey != null) {
        byDedupeKey.put(dedupeKey, List.copyOf(added));
      }
      appended.signalAll();
      return new Appended(List.copyOf(added), false);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The messages of a channel after position {@code after} that {@code viewer} may see, waiting up
   * to {@code wait} for one to arrive. A position beyond anything issued (a page that outlived a
   * restart) reads from the start.
   */
  Page read(String channel, long after, String viewer, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    lock.lock();
    try {
      long from = after > lastSeq ? 0 : after;
      List<ConsoleMessage> visible = visibleAfter(channel, from, viewer);
      long remaining = deadline - System.nanoTime();
      while (visible.isEmpty() && !closed && remaining > 0) {
        remaining = appended.awaitNanos(remaining);
        visible = visibleAfter(channel, from, viewer);
      }
      long next = visible.isEmpty() ? from : visible.get(visible.size() - 1).seq();
      return new Page(visible, next);
    } finally {
      lock.unlock();
    }
  }

  private List<ConsoleMessage> visibleAfter(String channel, long after, String viewer) {
    Deque<ConsoleMessage> history = channels.get(channel);
    if (history == null) {
      return List.of();
    }
    List<ConsoleMessage> visible = new ArrayList<>();
    for (ConsoleMessage message : history) {
      if (message.seq() > after && message.isVisibleTo(viewer)) {
        visible.add(message);
      }
    }
    return visible;
  }

  /** Releases every waiting read; later reads return at once. */
  void close() {
    lock.lock();
    try {
      closed = true;
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
