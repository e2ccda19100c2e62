package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static switchboard.connector.slack.SlackTestConnectors.create;
import static switchboard.connector.slack.SlackTestConnectors.event;
import static switchboard.connector.slack.SlackTestConnectors.socketConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import switchboard.connector.InboundMessage;
import switchboard.connector.InboundSink;
import switchboard.testkit.connectors.CapturingSink;
import switchboard.testkit.slack.EnvelopeDelivery;
import switchboard.testkit.slack.LocalSlack;
import switchboard.testkit.slack.LocalSocketMode;
import switchboard.testkit.slack.SlackSamples;

/** Socket Mode ingress against the local Slack's WebSocket server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlackSocketModeIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private LocalSlack slack;
  private LocalSocketMode socketMode;
  private final CapturingSink sink = new CapturingSink();
  private final List<SlackConnector> connectors = new ArrayList<>();

  @BeforeEach
  void startSlack() {
    slack = LocalSlack.start();
    socketMode = slack.socketMode();
  }

  @AfterEach
  void stopAll() {
    connectors.forEach(SlackConnector::close);
    slack.close();
  }

  private SlackConnector start(int connections, InboundSink into) throws Exception {
    SlackConnector connector =
        create(
            "ops-slack",
            socketConfig(
                slack, SlackConnectorConfig.SOCKET_CONNECTIONS_CONFIG, String.valueOf(connections)),
            into);
    connectors.add(connector);
    connector.start();
    return connector;
  }

  private long received(String text) {
    return sink.messages().stream().filter(m -> m.text().equals(text)).count();
  }

  /** Sends a fresh message and waits for it: everything sent before on one connection is in. */
  private void awaitMarker() {
    String marker = "marker " + System.nanoTime();
    socketMode.sendEvent(event(SlackSamples.MESSAGE, marker));
    sink.awaitMessageContaining(marker);
  }

  @Test
  void shouldAcknowledgeAnEnvelopeBeforeProcessingIt() throws Exception {
    // Given a sink that holds on to the first message until released
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<InboundMessage> accepted = new ArrayList<>();
    InboundSink holding =
        new InboundSink() {
          @Override
          public void accept(InboundMessage message) {
            entered.countDown();
            try {
              release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            synchronized (accepted) {
              accepted.add(message);
            }
          }

          @Override
          public void reject(byte[] payload, String reason) {}
        };
    start(1, holding);

    // When an event arrives
    String envelope = socketMode.sendEvent(SlackSamples.tree(SlackSamples.MESSAGE));

    // Then Slack has its ack while the message is still being processed
    await().atMost(WAIT).until(() -> entered.getCount() == 0);
    await().atMost(WAIT).until(() -> socketMode.acked(envelope));
    synchronized (accepted) {
      assertThat(accepted).isEmpty();
    }
    release.countDown();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              synchronized (accepted) {
                return accepted.size() == 1;
              }
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"refresh_requested", "warning", "link_disabled"})
  void shouldReconnectAfterADisconnectWithoutLosingAnEvent(String reason) throws Exception {
    // Given one connection that received an event
    start(1, sink);
    socketMode.sendEvent(event(SlackSamples.MESSAGE, "before " + reason));
    sink.awaitMessageContaining("before " + reason);
    String first = socketMode.liveConnections().get(0);

    // When Slack disconnects it and an event arrives while the app reconnects
    socketMode.disconnect(first, reason);
    socketMode.sendEvent(event(SlackSamples.MESSAGE, "during " + reason));

    // Then the app is back on a new connection and got the event once
    sink.awaitMessageContaining("during " + reason);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(socketMode.liveConnections()).hasSize(1).doesNotContain(first);
              assertThat(socketMode.connectionsOpened()).isEqualTo(2);
            });
    awaitMarker();
    assertThat(received("during " + reason)).isEqualTo(1);
  }

  @Test
  void shouldKeepReceivingOnTheOtherConnectionWhileOneRefreshes() throws Exception {
    // Given two connections
    start(2, sink);
    await().atMost(WAIT).until(() -> socketMode.liveConnections().size() == 2);
    String refreshing = socketMode.liveConnections().get(0);

    // When Slack asks one to refresh and events keep coming
    socketMode.disconnect(refreshing, "refresh_requested");
    List<String> envelopes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      envelopes.add(socketMode.sendEvent(event(SlackSamples.MESSAGE, "burst " + i)));
    }

    // Then every event arrives exactly once, none through the refreshing connection
    for (int i = 0; i < 20; i++) {
      sink.awaitMessageContaining("burst " + i);
    }
    assertThat(socketMode.deliveries())
        .filteredOn(d -> envelopes.contains(d.envelopeId()))
        .extracting(EnvelopeDelivery::connectionId)
        .doesNotContain(refreshing);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(socketMode.liveConnections()).hasSize(2).doesNotContain(refreshing);
              assertThat(socketMode.connectionsOpened()).isEqualTo(3);
            });
    for (int i = 0; i < 20; i++) {
      assertThat(received("burst " + i)).as("burst %d", i).isEqualTo(1);
    }
  }

  @Test
  void shouldPublishARedeliveredEnvelopeOnlyOnce() throws Exception {
    // Given an event received and acknowledged
    start(1, sink);
    String envelope = socketMode.sendEvent(event(SlackSamples.MESSAGE, "once"));
    sink.awaitMessageContaining("once");
    await().atMost(WAIT).until(() -> socketMode.acked(envelope));

    // When Slack delivers it again, as after a lost ack
    socketMode.redeliver(envelope);

    // Then it is acknowledged again and not published twice
    await().atMost(WAIT).until(() -> socketMode.acked(envelope));
    awaitMarker();
    assertThat(socketMode.deliveries())
        .filteredOn(d -> d.envelopeId().equals(envelope))
        .extracting(EnvelopeDelivery::retryAttempt)
        .containsExactly(0, 1);
    assertThat(received("once")).isEqualTo(1);
  }

  @Test
  void shouldPublishAMessageReportedAsMessageAndAsAppMentionOnce() throws Exception {
    start(1, sink);

    socketMode.sendEvent(SlackSamples.tree(SlackSamples.MESSAGE));
    socketMode.sendEvent(SlackSamples.tree(SlackSamples.APP_MENTION));
    awaitMarker();

    assertThat(sink.messages())
        .filteredOn(m -> m.messageId().equals("1718000000.000100"))
        .hasSize(1);
  }

  @Test
  void shouldDropTheBotsOwnAndOtherBotsMessages() throws Exception {
    start(1, sink);

    socketMode.sendEvent(SlackSamples.tree(SlackSamples.OWN_BOT_MESSAGE));
    socketMode.sendEvent(SlackSamples.tree(SlackSamples.BOT_MESSAGE));
    socketMode.sendEvent(SlackSamples.tree(SlackSamples.CHANNEL_JOIN));
    awaitMarker();

    assertThat(sink.messages()).hasSize(1);
    assertThat(sink.rejections()).isEmpty();
  }

  @Test
  void shouldForwardAButtonPressAsAnInteraction() throws Exception {
    start(1, sink);

    String envelope = socketMode.sendInteractive(SlackSamples.tree(SlackSamples.BLOCK_ACTIONS));

    InboundMessage press = sink.awaitMessage(m -> m.interaction() != null);
    assertThat(press.interaction().actionId()).isEqualTo("approve");
    assertThat(press.interaction().replyId()).isEqualTo("r-42-prompt-0");
    await().atMost(WAIT).until(() -> socketMode.acked(envelope));
  }

  @Test
  void shouldDeadLetterAnEventSlackWouldNotSend() throws Exception {
    start(1, sink);
    var broken = SlackSamples.tree(SlackSamples.MESSAGE);
    broken.remove("event");

    socketMode.sendEvent(broken);

    assertThat(sink.awaitRejection().reason()).contains("without an event");
  }

  @Test
  void shouldFailToStartWhenSlackRefusesTheAppToken() {
    SlackConnector connector =
        create(
            "ops-slack",
            socketConfig(slack, SlackConnectorConfig.APP_TOKEN_CONFIG, "xapp-not-issued"),
            sink);
    connectors.add(connector);

    assertThatThrownBy(connector::start).hasMessageContaining("invalid_auth");
    assertThat(socketMode.connectionsOpened()).isZero();
  }

  @Test
  void shouldFailToStartNamingTheBotTokenWhenSlackRefusesIt() {
    SlackConnector connector =
        create(
            "ops-slack",
            socketConfig(slack, SlackConnectorConfig.BOT_TOKEN_CONFIG, "xoxb-not-issued"),
            sink);
    connectors.add(connector);

    assertThatThrownBy(connector::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bot.token")
        .hasMessageContaining("invalid_auth");
  }

  @Test
  void shouldRunTwoWorkspacesSideBySide() throws Exception {
    // Given a second workspace with its own app and tokens
    try (LocalSlack other =
        LocalSlack.builder()
            .teamId("T0002OTH")
            .botUserId("U0BOT0002")
            .botId("B0BOT0002")
            .botToken("xoxb-other")
            .appToken("xapp-other")
            .start()) {
      CapturingSink otherSink = new CapturingSink();
      start(1, sink);
      SlackConnector second = create("other-slack", socketConfig(other), otherSink);
      connectors.add(second);
      second.start();

      // When each workspace sends an event
      socketMode.sendEvent(event(SlackSamples.MESSAGE, "from one"));
      var fromOther = event(SlackSamples.MESSAGE, "from two");
      fromOther.put("team_id", "T0002OTH");
      other.socketMode().sendEvent(fromOther);

      // Then each instance publishes its own workspace's event, keyed by that workspace
      assertThat(sink.awaitMessageContaining("from one").workspace()).isEqualTo("T0001SWB");
      assertThat(otherSink.awaitMessageContaining("from two").workspace()).isEqualTo("T0002OTH");
      assertThat(sink.messages()).noneMatch(m -> m.text().equals("from two"));
      assertThat(Map.of("one", slack.calls("auth.test"), "two", other.calls("auth.test")))
          .allSatisfy((name, calls) -> assertThat(calls).hasSize(1));
    }
  }
}
