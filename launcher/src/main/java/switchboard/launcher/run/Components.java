package switchboard.launcher.run;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one process runs, in start order; closed in reverse order, each close isolated so one
 * failure does not leave the rest running.
 */
public final class Components implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Components.class);

  private final Deque<Named> started = new ArrayDeque<>();

  private record Named(String name, AutoCloseable component) {}

  /** Registers an already started component (or a resource) to close on shutdown. */
  public <T extends AutoCloseable> T add(String name, T component) {
    started.push(new Named(name, component));
    return component;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      Named next = started.pop();
      try {
        next.component().close();
        LOG.info("stopped {}", next.name());
      } catch (Exception e) {
        LOG.warn("stopping {} failed", next.name(), e);
      }
    }
  }
}
