package switchboard.dispatcher.stackstorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import switchboard.testkit.stackstorm.RecordedRequest;
import switchboard.testkit.stackstorm.SampleAliases;
import switchboard.testkit.stackstorm.StackStormDouble;

/** The client against the StackStorm contract double: every call, credential kind and failure. */
class StackStormClientTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String API_KEY = "key-SECRET-apikey";
  static final String PASSWORD = "pw-SECRET:with-colon";
  static final StackStormCredentials KEY = new StackStormCredentials.ApiKey(API_KEY);
  static final StackStormCredentials BOT = new StackStormCredentials.UserPassword("bot", PASSWORD);

  StackStormDouble st2;
  final List<StackStormClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    st2 =
        StackStormDouble.builder()
            .apiKey(API_KEY, "bot")
            .user("bot", PASSWORD)
            .aliases(SampleAliases.load())
            .executionDelay(Duration.ofMillis(30))
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(StackStormClient::close);
    st2.close();
  }

  StackStormClient client(StackStormCredentials credentials) {
    return client(
        StackStormSettings.behindProxy(st2.url(), credentials).withTimeout(Duration.ofSeconds(3)));
  }

  StackStormClient client(StackStormSettings settings) {
    StackStormClient client = new StackStormClient(settings);
    clients.add(client);
    return client;
  }

  static AliasExecutionRequest runDate(String requestId) {
    return new AliasExecutionRequest(
        "remote_shell_cmd",
        "run {{cmd}} on {{hosts}}",
        "run date on web1",
        "chat-alice",
        "C1",
        "switchboard",
        requestId,
        JSON.createObjectNode().put("id", "1712.0001"));
  }

  long requestsTo(String path) {
    return st2.requests().stream().map(RecordedRequest::pathOnly).filter(path::equals).count();
  }

  /** Records what a stream hands over. */
  static final class RecordingListener implements StreamListener {
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final List<StackStormException> disconnects = new CopyOnWriteArrayList<>();
    final AtomicInteger reconnects = new AtomicInteger();

    @Override
    public void onEvent(StreamEvent event) {
      events.add(event);
    }

    @Override
    public void onReconnect() {
      reconnects.incrementAndGet();
    }

    @Override
    public void onDisconnect(StackStormException cause) {
      disconnects.add(cause);
    }

    List<StreamEvent> named(String name) {
      return events.stream().filter(e -> e.name().equals(name)).toList();
    }
  }

  @Nested
  class Calls {

    @Test
    void shouldListAliasesPageByPageFollowingTotalCount() {
      for (int i = 0; i < 230; i++) {
        st2.putAlias(
            JSON.createObjectNode()
                .put("name", String.format("a%03d", i))
                .put("pack", "bulk")
                .put("action_ref", "core.noop"));
      }
      st2.clearRequests();

      List<JsonNode> aliases = client(KEY).listAliases();

      assertThat(aliases).hasSize(237);
      assertThat(aliases.get(0).get("ref").asText()).isEqualTo("bulk.a000");
      assertThat(st2.requests())
          .extracting(RecordedRequest::path)
          .containsExactly(
              "/api/v1/actionalias?limit=100&offset=0",
              "/api/v1/actionalias?limit=100&offset=100",
              "/api/v1/actionalias?limit=100&offset=200");
    }

    @Test
    void shouldExecuteAliasAndFollowTheExecution() {
      StackStormClient client = client(KEY);

      AliasExecutionResponse response = client.executeAlias(runDate("req-1"));

      assertThat(response.status()).isEqualTo("requested");
      assertThat(response.message())
          .isEqualTo("Hold tight while I run command: *date* on hosts *web1*");
      assertThat(response.webUrl())
          .contains(st2.url() + "/#/history/" + response.executionId() + "/general");
      assertThat(response.ackEnabled()).isTrue();
      assertThat(response.execution().context().get("api_user").asText()).isEqualTo("chat-alice");
      assertThat(response.execution().context().get("user").asText()).isEqualTo("bot");
      assertThat(response.execution().requestId()).contains("req-1");
      assertThat(response.execution().notificationRoute()).contains("switchboard");
      await().until(() -> client.getExecution(response.executionId()).isTerminal());
      Execution done = client.getExecution(response.executionId());
      assertThat(done.status()).isEqualTo("succeeded");
      assertThat(done.hasFailed()).isFalse();
      assertThat(done.result().get("web1").get("return_code").asInt()).isZero();
      assertThat(st2.executionCount("req-1")).isEqualTo(1);
    }

    @Test
    void shouldListRecentExecutionsWithTheirRequestIds() {
      StackStormClient client = client(KEY);
      Instant before = Instant.now().minusSeconds(1);
      client.executeAlias(runDate("req-a"));
      client.executeAlias(
          new AliasExecutionRequest(
              "greet", "greet {{greeting}}", "greet hi", "u", "C2", "switchboard", "req-b", null));

      List<Execution> recent = client.listExecutions(ExecutionQuery.startedAfter(before, 100));
      List<Execution> greets =
          client.listExecutions(new ExecutionQuery("hello_st2.greet", null, null, 10));

      assertThat(recent)
          .extracting(e -> e.requestId().orElseThrow())
          .containsExactly("req-b", "req-a");
      assertThat(greets)
          .singleElement()
          .extracting(Execution::actionRef)
          .isEqualTo("hello_st2.greet");
      assertThat(
              client.listExecutions(ExecutionQuery.startedAfter(Instant.now().plusSeconds(60), 10)))
          .isEmpty();
    }

    @Test
    void shouldRunFormatExecutionResultForALostAnnouncement() {
      StackStormClient client = client(KEY);
      String target = client.executeAlias(runDate(null)).executionId();
      await().until(() -> client.getExecution(target).isTerminal());

      Execution format =
          client.runAction(
              "chatops.format_execution_result",
              JSON.createObjectNode().put("execution_id", target));
      await().until(() -> client.getExecution(format.id()).isTerminal());

      JsonNode returned = client.getExecution(format.id()).result().get("result");
      assertThat(returned.get("message").asText())
          .startsWith("Ran command *date* on *1* hosts.")
          .contains("Host: *web1*");
    }

    @Test
    void shouldMatchAliasesAndListHelp() {
      StackStormClient client = client(KEY);

      AliasMatch match = client.matchAlias("greet hi");
      AliasHelpListing help = client.help("st2", null, 0, 2);

      assertThat(match.representation()).isEqualTo("greet {{greeting}}");
      assertThat(match.actionAlias().get("ref").asText()).isEqualTo("hello_st2.greet");
      assertThat(help.available()).isEqualTo(8);
      assertThat(help.entries()).hasSize(2).allMatch(e -> e.pack().equals("st2"));
    }
  }

  @Nested
  class Failures {

    @Test
    void shouldSurfaceSt2FaultstringsVerbatim() {
      StackStormClient client = client(KEY);

      assertThatThrownBy(
              () ->
                  client.executeAlias(
                      new AliasExecutionRequest(
                          "greet", "greet {{greeting}}", "wave", null, "C1", null, null, null)))
          .isInstanceOfSatisfying(
              StackStormRejected.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.faultstring())
                    .isEqualTo(
                        "Command \"wave\" doesn't match format string \"greet {{greeting}}\"");
              });
      assertThatThrownBy(
              () ->
                  client.executeAlias(
                      new AliasExecutionRequest("nope", "x", "x", null, "C1", null, null, null)))
          .isInstanceOfSatisfying(
              StackStormRejected.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThatThrownBy(() -> client.matchAlias("ping db1 count 3"))
          .isInstanceOfSatisfying(
              StackStormRejected.class,
              e ->
                  assertThat(e.faultstring())
                      .isEqualTo("Command 'ping db1 count 3' matched more than 1 pattern"));
      assertThatThrownBy(() -> client.getExecution("missing"))
          .isInstanceOfSatisfying(
              StackStormRejected.class,
              e ->
                  assertThat(e.faultstring())
                      .isEqualTo("Unable to identify resource with id \"missing\"."));
    }

    @Test
    void shouldReportServerErrorsAndThrottlingAsUnavailable() {
      StackStormClient client = client(KEY);
      st2.failNextRequests(1, 503, "Service Unavailable");

      assertThatThrownBy(client::listAliases)
          .isInstanceOfSatisfying(
              StackStormUnavailable.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.getMessage()).contains("Service Unavailable");
                assertThat(e.retryAfter()).isEmpty();
              });
      st2.throttleNextRequests(1, Duration.ofSeconds(7));
      assertThatThrownBy(client::listAliases)
          .isInstanceOfSatisfying(
              StackStormUnavailable.class,
              e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              });
      assertThat(client.listAliases()).hasSize(7);
    }

    @Test
    void shouldReportRefusedConnectionsAndTimeoutsAsUnavailable() throws IOException {
      int closedPort;
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        closedPort = socket.getLocalPort();
      }
      StackStormClient nowhere =
          client(
              StackStormSettings.behindProxy(URI.create("http://127.0.0.1:" + closedPort), KEY)
                  .withTimeout(Duration.ofSeconds(2)));
      StackStormClient impatient =
          client(
              StackStormSettings.behindProxy(st2.url(), KEY).withTimeout(Duration.ofMillis(200)));
      st2.latency(Duration.ofMillis(1500));

      assertThatThrownBy(nowhere::listAliases)
          .isInstanceOfSatisfying(
              StackStormUnavailable.class, e -> assertThat(e.status()).isZero());
      assertThatThrownBy(impatient::listAliases)
          .isInstanceOfSatisfying(
              StackStormUnavailable.class, e -> assertThat(e.getMessage()).contains("within"));
    }

    @Test
    void shouldFailFastWithoutRetryWhenApiKeyRefused() {
      st2.clearRequests();

      assertThatThrownBy(() -> client(new StackStormCredentials.ApiKey("wrong")).listAliases())
          .isInstanceOfSatisfying(
              StackStormAuthFailed.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.faultstring()).startsWith("Unauthorized - ApiKey with key_hash=");
              });
      assertThat(st2.requests()).hasSize(1);
    }
  }

  @Nested
  class Tokens {

    @Test
    void shouldUseAGivenTokenAndFailFastOnceItExpired() {
      st2.addToken("tok-valid", "bot", Instant.now().plusSeconds(3600));
      st2.addToken("tok-old", "bot", Instant.now().minusSeconds(1));

      assertThat(client(new StackStormCredentials.Token("tok-valid")).listAliases()).hasSize(7);
      st2.clearRequests();
      assertThatThrownBy(() -> client(new StackStormCredentials.Token("tok-old")).listAliases())
          .isInstanceOfSatisfying(
              StackStormAuthFailed.class,
              e -> assertThat(e.faultstring()).isEqualTo("Unauthorized - Token has expired."));
      assertThat(st2.requests()).hasSize(1);
    }

    @Test
    void shouldExchangePasswordForOneTokenAndReuseIt() {
      StackStormClient client = client(BOT);

      client.listAliases();
      client.executeAlias(runDate(null));

      assertThat(requestsTo("/auth/v1/tokens")).isEqualTo(1);
      assertThat(st2.executions().get(0).get("context").get("user").asText()).isEqualTo("bot");
    }

    @Test
    void shouldRenewTheTokenBeforeItExpires() {
      st2.tokenTtl(Duration.ofSeconds(2));
      StackStormClient client = client(BOT);

      await()
          .pollInterval(Duration.ofMillis(40))
          .atMost(Duration.ofSeconds(6))
          .until(
              () -> {
                client.listAliases();
                return requestsTo("/auth/v1/tokens") == 2;
              });

      List<Instant> issued =
          st2.requests().stream()
              .filter(r -> r.pathOnly().equals("/auth/v1/tokens"))
              .map(RecordedRequest::at)
              .toList();
      // Renewed at 90% of the 2 s lifetime: while the first token was still valid.
      assertThat(Duration.between(issued.get(0), issued.get(1))).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldAuthenticateAgainOnceAfter401() {
      StackStormClient client = client(BOT);
      client.listAliases();

      st2.revokeTokens();

      assertThat(client.listAliases()).hasSize(7);
      assertThat(requestsTo("/auth/v1/tokens")).isEqualTo(2);
    }

    @Test
    void shouldFailFastWhenPasswordRefused() {
      st2.clearRequests();

      assertThatThrownBy(
              () -> client(new StackStormCredentials.UserPassword("bot", "wrong")).listAliases())
          .isInstanceOfSatisfying(
              StackStormAuthFailed.class,
              e -> assertThat(e.faultstring()).isEqualTo("Invalid or missing credentials"));
      assertThat(st2.requests())
          .extracting(RecordedRequest::pathOnly)
          .containsExactly("/auth/v1/tokens");
    }
  }

  @Nested
  class Streaming {

    @Test
    void shouldDeliverExecutionEventsAndAnnouncements() {
      StackStormClient client = client(BOT);
      RecordingListener listener = new RecordingListener();
      StackStormStream stream =
          client.stream(Set.of("st2.execution__*", "st2.announcement__switchboard"), listener);
      await().until(stream::isConnected);

      String id = client.executeAlias(runDate("req-s")).executionId();

      await().until(() -> !listener.named("st2.announcement__switchboard").isEmpty());
      JsonNode payload =
          listener.named("st2.announcement__switchboard").get(0).announcementPayload();
      assertThat(payload.get("channel").asText()).isEqualTo("C1");
      assertThat(payload.get("user").asText()).isEqualTo("chat-alice");
      assertThat(payload.get("message").asText()).startsWith("Ran command *date* on *1* hosts.");
      assertThat(payload.get("context").get("request_id").asText()).isEqualTo("req-s");
      assertThat(listener.named("st2.execution__create"))
          .extracting(e -> e.json().get("id").asText())
          .contains(id);
      List<ExecutionStatus> updates =
          listener.named("st2.execution__update").stream()
              .map(e -> ExecutionStatus.scan(e.data()).orElseThrow())
              .toList();
      assertThat(updates)
          .extracting(ExecutionStatus::status)
          .containsSubsequence("scheduled", "running", "succeeded");
      assertThat(updates)
          .allSatisfy(
              u -> {
                assertThat(u.requestId()).isEqualTo("req-s");
                assertThat(u.executionId()).isEqualTo(id);
              });
    }

    @Test
    void shouldIgnoreHeartbeatsAndStayConnected() {
      st2.heartbeatInterval(Duration.ofMillis(20));
      RecordingListener listener = new RecordingListener();
      StackStormStream stream = client(KEY).stream(Set.of(), listener, Duration.ofMillis(300));
      await().until(stream::isConnected);

      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  stream.isConnected()
                      && listener.events.isEmpty()
                      && listener.disconnects.isEmpty());
      assertThat(stream.reconnects()).isZero();
    }

    @Test
    void shouldReconnectAfterDropAndAskForReconciliation() {
      StackStormClient client = client(KEY);
      RecordingListener listener = new RecordingListener();
      StackStormStream stream = client.stream(Set.of("st2.execution__create"), listener);
      await().until(stream::isConnected);

      st2.dropStreamConnections();

      await().until(() -> listener.reconnects.get() == 1 && stream.isConnected());
      assertThat(stream.reconnects()).isEqualTo(1);
      assertThat(listener.disconnects).singleElement().isInstanceOf(StackStormUnavailable.class);
      client.executeAlias(runDate(null));
      await().until(() -> listener.named("st2.execution__create").size() == 1);
    }

    @Test
    void shouldReconnectWhenSilentPastTheIdleTimeout() {
      st2.heartbeatInterval(Duration.ofSeconds(30));
      RecordingListener listener = new RecordingListener();
      StackStormStream stream = client(KEY).stream(Set.of(), listener, Duration.ofMillis(300));

      await().atMost(Duration.ofSeconds(5)).until(() -> listener.reconnects.get() >= 1);
      assertThat(stream.reconnects()).isPositive();
    }

    @Test
    void shouldRetryRefusedConnectionsUntilItGetsIn() {
      st2.refuseStreamConnections(2);
      RecordingListener listener = new RecordingListener();

      StackStormStream stream = client(KEY).stream(Set.of(), listener);

      await().atMost(Duration.ofSeconds(8)).until(stream::isConnected);
      assertThat(listener.disconnects)
          .hasSize(2)
          .allSatisfy(e -> assertThat(e.status()).isEqualTo(503));
      assertThat(listener.reconnects.get()).as("the first connection is no reconnect").isZero();
    }

    @Test
    void shouldReportRefusedCredentialsAndStopOnClose() {
      RecordingListener listener = new RecordingListener();
      StackStormStream stream =
          client(new StackStormCredentials.ApiKey("wrong")).stream(Set.of(), listener);

      await().until(() -> !listener.disconnects.isEmpty());
      stream.close();

      assertThat(listener.disconnects.get(0)).isInstanceOf(StackStormAuthFailed.class);
      assertThat(stream.isConnected()).isFalse();
      assertThat(st2.streamConnections()).isZero();
    }

    @Test
    void shouldCloseTheConnectionOnClose() {
      // The double notices a client that left only when it next writes: heartbeat often.
      st2.heartbeatInterval(Duration.ofMillis(50));
      StackStormClient client = client(KEY);
      StackStormStream stream = client.stream(Set.of(), new RecordingListener());
      await().until(() -> st2.streamConnections() == 1);

      client.close();

      await().until(() -> st2.streamConnections() == 0);
      assertThat(stream.isConnected()).isFalse();
    }
  }

  @Nested
  class Tls {

    @TempDir Path directory;

    StackStormDouble https(SelfSignedCertificate certificate) throws IOException {
      return StackStormDouble.builder()
          .apiKey(API_KEY)
          .aliases(SampleAliases.load())
          .https(certificate.serverContext)
          .build()
          .start();
    }

    @Test
    void shouldTrustACustomCaBundle() throws Exception {
      SelfSignedCertificate certificate = SelfSignedCertificate.forLoopback();
      try (StackStormDouble secure = https(certificate)) {
        StackStormClient client =
            client(
                StackStormSettings.behindProxy(secure.url(), KEY)
                    .withCaBundle(certificate.writePem(directory)));
        RecordingListener listener = new RecordingListener();

        assertThat(secure.url().getScheme()).isEqualTo("https");
        assertThat(client.listAliases()).hasSize(7);
        StackStormStream stream = client.stream(Set.of(), listener);
        await().until(stream::isConnected);
      }
    }

    @Test
    void shouldRefuseAnUntrustedCertificate() throws Exception {
      try (StackStormDouble secure = https(SelfSignedCertificate.forLoopback())) {
        StackStormClient client = client(StackStormSettings.behindProxy(secure.url(), KEY));

        assertThatThrownBy(client::listAliases)
            .isInstanceOfSatisfying(
                StackStormUnavailable.class, e -> assertThat(e.getMessage()).contains("TLS"));
      }
    }

    @Test
    void shouldSkipVerificationOnlyWhenToldAndSayItLoudly() throws Exception {
      try (StackStormDouble secure = https(SelfSignedCertificate.forLoopback());
          CapturedLogs logs = new CapturedLogs()) {
        StackStormClient client =
            client(StackStormSettings.behindProxy(secure.url(), KEY).withoutTlsVerification());

        assertThat(client.listAliases()).hasSize(7);
        assertThat(logs.lines())
            .anyMatch(
                l ->
                    l.startsWith("WARN")
                        && l.contains("TLS verification towards StackStorm is OFF"));
      }
    }
  }

  @Nested
  class Secrets {

    @Test
    void shouldKeepCredentialsOutOfLogsToStringsAndExceptions() {
      List<String> texts = new ArrayList<>();
      try (CapturedLogs logs = new CapturedLogs()) {
        StackStormClient client = client(BOT);
        RecordingListener listener = new RecordingListener();
        StackStormStream stream = client.stream(Set.of(), listener);
        client.listAliases();
        await().until(stream::isConnected);
        st2.revokeTokens();
        st2.dropStreamConnections();
        await().until(() -> listener.reconnects.get() == 1);
        st2.failNextRequests(1, 500, "Internal Server Error");
        collect(texts, () -> client.listAliases());
        collect(
            texts,
            () ->
                client(new StackStormCredentials.UserPassword("bot", "pw-SECRET-wrong"))
                    .listAliases());
        collect(
            texts,
            () -> client(new StackStormCredentials.ApiKey("key-SECRET-wrong")).listAliases());
        collect(
            texts, () -> client(new StackStormCredentials.Token("tok-SECRET-wrong")).listAliases());
        texts.add(client.settings().toString());
        listener.disconnects.forEach(e -> texts.add(e.toString()));
        texts.add(logs.all());
      }

      String everything = String.join("\n", texts);
      assertThat(texts).hasSizeGreaterThan(5);
      assertThat(everything)
          .contains("Invalid or missing credentials")
          .contains("Got a StackStorm token");
      assertThat(everything).doesNotContain("SECRET").doesNotContainPattern("\\b[0-9a-f]{32}\\b");
    }

    void collect(List<String> texts, Runnable call) {
      try {
        call.run();
      } catch (StackStormException e) {
        texts.add(e.toString());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
          texts.add(t.toString());
        }
      }
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
