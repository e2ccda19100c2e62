package switchboard.dispatcher.stackstorm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Every log line written while open, with its throwable, for asserting what logs contain. */
final class CapturedLogs implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AbstractAppender appender;
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

  CapturedLogs() {
    appender =
        new AbstractAppender("captured", null, null, false, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            StringBuilder line =
                new StringBuilder(
                    event.getLevel() + " " + event.getMessage().getFormattedMessage());
            for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
              line.append(" | ").append(t);
            }
            lines.add(line.toString());
          }
        };
    appender.start();
    context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  String all() {
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    context.getConfiguration().getRootLogger().removeAppender("captured");
    context.updateLoggers();
    appender.stop();
  }
}
