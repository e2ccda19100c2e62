package switchboard.connector.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import com.slack.api.socket_mode.response.AckResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives events over Socket Mode (chat-providers.md §1.1) with the Slack SDK's {@link
 * SocketModeClient} on the Java-WebSocket backend, one client per connection.
 *
 * <p>Why the SDK's client and not Bolt's {@code SocketModeApp}: the connector needs every envelope
 * as raw JSON for its own pure mapper, and no listener routing, middleware or {@code say()}; Bolt
 * would parse each payload into its own types and run its own self-event filter and auth.test on
 * top. The client already does what the protocol asks of the transport:
 *
 * <ul>
 *   <li>every (re)connect takes a fresh URL from {@code apps.connections.open};
 *   <li>on {@code disconnect}, whatever the reason (warning, refresh_requested, link_disabled), it
 *       opens a new connection first and then drops the old one, so a refresh happens before Slack
 *       rotates the link away;
 *   <li>a session monitor pings every 5 s and reconnects a connection that died without a word.
 * </ul>
 *
 * <p>Several connections run at once ({@code socket.connections}); Slack sends each envelope to one
 * of them, so while one refreshes the others keep receiving. Each envelope is acknowledged
 * <em>before</em> it is processed (Slack wants the ack within 3 s); an envelope whose ack got lost
 * comes again with {@code retry_attempt} and is dropped as a repeat by {@link SlackInbound}. Each
 * client processes its envelopes on one thread, in the order received.
 */
final class SlackSocketModeIngress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlackSocketModeIngress.class);
  private static final long SESSION_MONITOR_MILLIS = 5_000L;

  private final String instance;
  private final Slack slack;
  private final String appToken;
  private final int connections;
  private final SlackInbound inbound;
  private final ObjectMapper json = new ObjectMapper();
  private final List<SocketModeClient> clients = new ArrayList<>();

  SlackSocketModeIngress(
      String instance, Slack slack, String appToken, int connections, SlackInbound inbound) {
    this.instance = instance;
    this.slack = slack;
    this.appToken = appToken;
    this.connections = connections;
    this.inbound = inbound;
  }

  /**
   * Opens the connections and waits for each one's {@code hello}.
   *
   * @throws IOException when Slack refuses the app token or a connection says no hello in time
   */
  void start(Duration helloTimeout) throws IOException, InterruptedException {
    for (int i = 0; i < connections; i++) {
      CountDownLatch hello = new CountDownLatch(1);
      SocketModeClient client = open(hello);
      if (!hello.await(helloTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(
            "Slack Socket Mode connection "
                + (i + 1)
                + " of "
                + instance
                + " said no hello within "
                + helloTimeout);
      }
      LOG.info("slack {}: Socket Mode connection {} of {} open", instance, i + 1, connections);
    }
  }

  private SocketModeClient open(CountDownLatch hello) throws IOException {
    SocketModeClient client;
    try {
      client =
          new SocketModeClientJavaWSImpl(
              slack,
              appToken,
              slack.issueSocketModeUrl(appToken),
              1, // one processor thread: envelopes of a connection keep their order
              new ConcurrentLinkedMessageQueue(),
              true,
              true,
              SESSION_MONITOR_MILLIS);
    } catch (URISyntaxException e) {
      throw new IOException("apps.connections.open answered an unusable URL", e);
    }
    synchronized (clients) {
      clients.add(client);
    }
    client.addWebSocketMessageListener(message -> received(client, message, hello));
    client.connect();
    return client;
  }

  private void received(SocketModeClient client, String message, CountDownLatch hello) {
    JsonNode envelope;
    try {
      envelope = json.readTree(message);
    } catch (JsonProcessingException e) {
      LOG.warn("slack {}: unreadable Socket Mode frame dropped", instance);
      return;
    }
    String type = envelope.path("type").asText("");
    if (type.equals("hello")) {
      hello.countDown();
      return;
    }
    String envelopeId = envelope.path("envelope_id").asText(null);
    if (envelopeId != null) {
      acknowledge(client, envelopeId);
    }
    if (type.equals("events_api") || type.equals("interactive")) {
      JsonNode payload = envelope.get("payload");
      inbound.accept(message.getBytes(StandardCharsets.UTF_8), payload);
    } else {
      LOG.debug("slack {}: Socket Mode message of type {} ignored", instance, type);
    }
  }

  private void acknowledge(SocketModeClient client, String envelopeId) {
    try {
      client.sendSocketModeResponse(AckResponse.builder().envelopeId(envelopeId).build());
    } catch (RuntimeException e) {
      // The connection is being replaced; Slack sends the envelope again, and the repeat is
      // dropped by event id, so processing goes on.
      LOG.warn(
          "slack {}: could not acknowledge envelope {}: {}", instance, envelopeId, e.toString());
    }
  }

  /** Closes every connection; idempotent. */
  @Override
  public void close() {
    List<SocketModeClient> closing;
    synchronized (clients) {
      closing = List.copyOf(clients);
      clients.clear();
    }
    for (SocketModeClient client : closing) {
      try {
        client.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("slack {}: closing a Socket Mode connection: {}", instance, e.toString());
      }
    }
  }
}
