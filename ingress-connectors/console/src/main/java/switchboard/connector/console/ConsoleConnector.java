package switchboard.connector.console;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.Capabilities;
import switchboard.connector.ChatConnector;
import switchboard.connector.DeliveryResult;
import switchboard.connector.InboundSink;
import switchboard.connector.OutboundReply;

/**
 * A local web chat with the Switchboard bot, for trying Switchboard and for demos: a page and a
 * JSON API (module README.md) on the JDK's HTTP server. The console is its own chat provider, so it
 * has no accounts: anyone who reaches the page may write as any user name.
 */
public final class ConsoleConnector implements ChatConnector {

  /**
   * No threads, edits or uploads on the page; buttons and whispers render; a message carries up to
   * {@value ConsoleSettings#MAX_MESSAGE_CHARS} characters; no pacing is needed.
   */
  public static final Capabilities CAPABILITIES =
      new Capabilities(
          false, true, true, false, false, ConsoleSettings.MAX_MESSAGE_CHARS, Duration.ZERO);

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleConnector.class);

  private final String instance;
  private final ConsoleSettings settings;
  private final ConsoleChat chat;
  private HttpServer server;
  private ExecutorService executor;
  private URI address;

  public ConsoleConnector(
      String instance, ConsoleSettings settings, InboundSink sink, Clock clock) {
    this.instance = instance;
    this.settings = settings;
    this.chat = new ConsoleChat(settings, sink, clock);
  }

  /** Binds the page and the API to {@code http.host}:{@code http.port} and starts serving. */
  @Override
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("console " + instance + " is already started");
    }
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
    } catch (BindException e) {
      throw new BindException(
          "console "
              + instance
              + " cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); choose another "
              + ConsoleConfig.HTTP_HOST_CONFIG
              + " or "
              + ConsoleConfig.HTTP_PORT_CONFIG);
    }
    server.createContext("/", new ConsoleHttpApi(instance, chat));
    // Long polls hold a thread each for up to 30 s; a local chat has few readers.
    executor = Executors.newCachedThreadPool(daemonThreads("console-" + instance + "-http-"));
    server.setExecutor(executor);
    server.start();
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    address = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    LOG.info("console {} serves its chat at {}", instance, address);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * The page's address, e.g. {@code http://127.0.0.1:8090/}, with the port actually bound.
   *
   * @throws IllegalStateException before {@link #start}
   */
  public synchronized URI address() {
    if (address == null) {
      throw new IllegalStateException("console " + instance + " is not started");
    }
    return address;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Appends the reply to its channel's history and wakes the pages waiting on it; a whisper shows
   * only to its user. Never calls the sink, so the bot's replies are never read back as input.
   */
  @Override
  public DeliveryResult deliver(OutboundReply reply) {
    return chat.deliver(reply);
  }

  /** Stops serving and releases waiting long polls; idempotent. */
  @Override
  public synchronized void close() {
    chat.close();
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      LOG.info("console {} stopped", instance);
    }
  }
}
