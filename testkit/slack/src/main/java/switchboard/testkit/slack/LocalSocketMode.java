package switchboard.testkit.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The Socket Mode side of {@link LocalSlack}: a WebSocket server speaking Slack's protocol
 * (chat-providers.md §1.1; https://api.slack.com/apis/connections/socket-implement).
 *
 * <ul>
 *   <li>A connection needs a fresh URL from {@code apps.connections.open}; each URL's ticket works
 *       once, as Slack's do.
 *   <li>Every connection first receives {@code hello}.
 *   <li>Each envelope goes to exactly one live connection (round robin). With none live it waits
 *       and goes to the next one that opens.
 *   <li>The app acknowledges with {@code {"envelope_id":"..."}} on any of its connections; acks are
 *       recorded in order.
 *   <li>Unacknowledged envelopes are sent again with {@code retry_attempt} + 1 and {@code
 *       retry_reason} {@code timeout}, on demand ({@link #redeliverUnacked()}) and when the
 *       connection they went to closes: delivery is at least once across reconnects.
 *   <li>{@link #disconnect} sends {@code {"type":"disconnect","reason":...}}, after which the
 *       connection gets no more envelopes, then closes it.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class LocalSocketMode {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String appId;
  private final Server server;
  private final ScheduledExecutorService closer;

  private final Set<String> freshTickets = new HashSet<>();
  private final Map<WebSocket, Link> links = new LinkedHashMap<>();
  private final Map<String, Envelope> envelopes = new LinkedHashMap<>();
  private final Deque<Envelope> waiting = new ArrayDeque<>();
  private final List<EnvelopeDelivery> deliveries = new ArrayList<>();
  private final List<EnvelopeAck> acks = new ArrayList<>();
  private int connectionsOpened;
  private int nextLink;

  LocalSocketMode(String appId) {
    this.appId = appId;
    this.server = startServer();
    this.closer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "local-slack-socket-closer");
              thread.setDaemon(true);
              return thread;
            });
  }

  // The port is picked before binding and start-up is awaited on onStart(): reading getPort()
  // of a server bound to port 0 raced with the bind (test-infrastructure.md §5).
  private Server startServer() {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      } catch (IOException e) {
        last = e;
        continue;
      }
      Server candidate = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      candidate.setReuseAddr(true);
      candidate.setDaemon(true);
      candidate.start();
      try {
        if (candidate.started.await(10, TimeUnit.SECONDS) && candidate.bindFailure == null) {
          return candidate;
        }
        last =
            new IOException("Socket Mode server did not bind port " + port, candidate.bindFailure);
        candidate.stop(0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the Socket Mode server", e);
      }
    }
    throw new UncheckedIOException(last);
  }

  /** A new single-use WebSocket URL, as apps.connections.open answers it. */
  synchronized String issueUrl() {
    String ticket = UUID.randomUUID().toString();
    freshTickets.add(ticket);
    return "ws://127.0.0.1:" + server.getPort() + "/link/?ticket=" + ticket + "&app_id=" + appId;
  }

  /**
   * Sends an {@code events_api} envelope whose payload is an Events API body, e.g. {@code
   * SlackSamples.tree(SlackSamples.MESSAGE)}.
   *
   * @return the envelope id
   */
  public String sendEvent(JsonNode payload) {
    return send("events_api", payload, false);
  }

  /**
   * Sends an {@code interactive} envelope, e.g. a block_actions payload.
   *
   * @return the envelope id
   */
  public String sendInteractive(JsonNode payload) {
    return send("interactive", payload, false);
  }

  /**
   * Sends an envelope of any type to one live connection, or holds it until one opens.
   *
   * @return the envelope id
   */
  public synchronized String send(String type, JsonNode payload, boolean acceptsResponsePayload) {
    Envelope envelope =
        new Envelope(UUID.randomUUID().toString(), type, payload, acceptsResponsePayload);
    envelopes.put(envelope.id, envelope);
    dispatch(envelope);
    return envelope.id;
  }

  /**
   * Sends every unacknowledged envelope again, with {@code retry_attempt} + 1, to a live connection
   * (maybe another one), as Slack does when an ack does not come within 3 seconds.
   *
   * @return how many envelopes were sent again
   */
  public synchronized int redeliverUnacked() {
    List<Envelope> unacked =
        envelopes.values().stream().filter(e -> !e.acked && !waiting.contains(e)).toList();
    unacked.forEach(this::retry);
    return unacked.size();
  }

  /**
   * Sends one envelope again with {@code retry_attempt} + 1, acknowledged or not, as Slack does
   * when the app's ack was lost on the way.
   */
  public synchronized void redeliver(String envelopeId) {
    Envelope envelope = envelopes.get(envelopeId);
    if (envelope == null) {
      throw new IllegalArgumentException("no envelope " + envelopeId + " was sent");
    }
    envelope.acked = false;
    retry(envelope);
  }

  /** Every send of an envelope, in order. */
  public synchronized List<EnvelopeDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Every acknowledgement received, in order. */
  public synchronized List<EnvelopeAck> acks() {
    return List.copyOf(acks);
  }

  /** True once the app acknowledged the envelope. */
  public synchronized boolean acked(String envelopeId) {
    Envelope envelope = envelopes.get(envelopeId);
    return envelope != null && envelope.acked;
  }

  /** Ids of the envelopes sent and not yet acknowledged. */
  public synchronized List<String> unacked() {
    return envelopes.values().stream().filter(e -> !e.acked).map(e -> e.id).toList();
  }

  /** Ids of the open connections that get envelopes (hello sent, no disconnect sent), in order. */
  public synchronized List<String> liveConnections() {
    return links.values().stream().filter(l -> !l.draining).map(l -> l.id).toList();
  }

  /** How many connections were ever opened. */
  public synchronized int connectionsOpened() {
    return connectionsOpened;
  }

  /**
   * Sends {@code disconnect} with the reason (refresh_requested, warning, link_disabled) and
   * closes.
   */
  public void disconnect(String connectionId, String reason) {
    disconnect(connectionId, reason, Duration.ZERO);
  }

  /**
   * Sends {@code disconnect} with the reason, stops sending envelopes to the connection, and closes
   * it after {@code closeAfter} unless the app closed it first.
   */
  public synchronized void disconnect(String connectionId, String reason, Duration closeAfter) {
    Link link = link(connectionId);
    link.draining = true;
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "disconnect");
    message.put("reason", reason);
    message.putObject("debug_info").put("host", "applink-local");
    link.socket.send(message.toString());
    closer.schedule(
        () -> link.socket.close(CloseFrame.NORMAL, reason),
        closeAfter.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Closes the connection abruptly, without a disconnect message. */
  public synchronized void drop(String connectionId) {
    link(connectionId).socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
  }

  private Link link(String connectionId) {
    return links.values().stream()
        .filter(l -> l.id.equals(connectionId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no open connection " + connectionId));
  }

  void close() {
    closer.shutdownNow();
    try {
      server.stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void retry(Envelope envelope) {
    envelope.retryAttempt++;
    envelope.retryReason = "timeout";
    dispatch(envelope);
  }

  private void dispatch(Envelope envelope) {
    List<Link> live = links.values().stream().filter(l -> !l.draining).toList();
    if (live.isEmpty()) {
      waiting.add(envelope);
      return;
    }
    Link link = live.get(Math.floorMod(nextLink++, live.size()));
    envelope.connectionId = link.id;
    link.socket.send(envelope.toJson().toString());
    deliveries.add(
        new EnvelopeDelivery(envelope.id, envelope.type, link.id, envelope.retryAttempt));
  }

  private synchronized void opened(WebSocket socket) {
    connectionsOpened++;
    Link link = new Link("conn-" + connectionsOpened, socket);
    links.put(socket, link);
    ObjectNode hello = JSON.createObjectNode();
    hello.put("type", "hello");
    hello.put("num_connections", links.size());
    ObjectNode debug = hello.putObject("debug_info");
    debug.put("host", "applink-local");
    debug.put("build_number", 1);
    debug.put("approximate_connection_time", 18060);
    hello.putObject("connection_info").put("app_id", appId);
    socket.send(hello.toString());
    while (!waiting.isEmpty()) {
      dispatch(waiting.poll());
    }
  }

  private synchronized void received(WebSocket socket, String text) {
    Link link = links.get(socket);
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return; // Slack ignores frames it cannot read
    }
    String envelopeId = message.path("envelope_id").asText(null);
    if (link == null || envelopeId == null) {
      return;
    }
    acks.add(new EnvelopeAck(envelopeId, link.id, message.get("payload")));
    Envelope envelope = envelopes.get(envelopeId);
    if (envelope != null) {
      envelope.acked = true;
    }
  }

  private synchronized void closed(WebSocket socket) {
    Link link = links.remove(socket);
    if (link == null) {
      return;
    }
    envelopes.values().stream()
        .filter(e -> !e.acked && link.id.equals(e.connectionId) && !waiting.contains(e))
        .toList()
        .forEach(this::retry);
  }

  private synchronized boolean claim(String ticket) {
    return ticket != null && freshTickets.remove(ticket);
  }

  private static String ticketOf(String resource) {
    String query = URI.create(resource).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("ticket=")) {
        return pair.substring("ticket=".length());
      }
    }
    return null;
  }

  private static final class Link {
    final String id;
    final WebSocket socket;
    boolean draining;

    Link(String id, WebSocket socket) {
      this.id = id;
      this.socket = socket;
    }
  }

  private static final class Envelope {
    final String id;
    final String type;
    final JsonNode payload;
    final boolean acceptsResponsePayload;
    int retryAttempt;
    String retryReason;
    String connectionId;
    boolean acked;

    Envelope(String id, String type, JsonNode payload, boolean acceptsResponsePayload) {
      this.id = id;
      this.type = type;
      this.payload = payload;
      this.acceptsResponsePayload = acceptsResponsePayload;
    }

    ObjectNode toJson() {
      ObjectNode json = JSON.createObjectNode();
      json.put("envelope_id", id);
      json.put("type", type);
      json.set("payload", payload);
      json.put("accepts_response_payload", acceptsResponsePayload);
      json.put("retry_attempt", retryAttempt);
      if (retryReason == null) {
        json.putNull("retry_reason");
      } else {
        json.put("retry_reason", retryReason);
      }
      return json;
    }
  }

  private final class Server extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);
    volatile Exception bindFailure;

    Server(InetSocketAddress address) {
      super(address);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
        WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
      ServerHandshakeBuilder response =
          super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
      if (!claim(ticketOf(request.getResourceDescriptor()))) {
        throw new InvalidDataException(
            CloseFrame.POLICY_VALIDATION, "unknown or used ticket: call apps.connections.open");
      }
      return response;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      opened(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      closed(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      received(conn, message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
      if (conn == null) {
        bindFailure = ex;
        started.countDown();
      }
    }

    @Override
    public void onStart() {
      started.countDown();
    }
  }
}
