package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static switchboard.connector.slack.SlackTestConnectors.create;
import static switchboard.connector.slack.SlackTestConnectors.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.connector.InboundMessage;
import switchboard.testkit.connectors.CapturingSink;
import switchboard.testkit.slack.LocalSlack;
import switchboard.testkit.slack.SignedEventRequest;
import switchboard.testkit.slack.SlackSamples;

/** Events API ingress: signed requests to the connector's own endpoint. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlackEventsApiIT {

  private static final String SECRET = "events-api-signing-secret";

  private final HttpClient http = HttpClient.newHttpClient();
  private final CapturingSink sink = new CapturingSink();
  private LocalSlack slack;
  private SlackConnector connector;
  private URI endpoint;

  @BeforeEach
  void start() throws Exception {
    slack = LocalSlack.start();
    connector =
        create(
            "ops-slack",
            Map.of(
                SlackConnectorConfig.MODE_CONFIG,
                "events",
                SlackConnectorConfig.BOT_TOKEN_CONFIG,
                slack.botToken(),
                SlackConnectorConfig.SIGNING_SECRET_CONFIG,
                SECRET,
                SlackConnectorConfig.API_URL_CONFIG,
                slack.apiUrl(),
                SlackConnectorConfig.EVENTS_HTTP_HOST_CONFIG,
                "127.0.0.1",
                SlackConnectorConfig.EVENTS_HTTP_PORT_CONFIG,
                "0"),
            sink);
    connector.start();
    endpoint = connector.eventsUri();
  }

  @AfterEach
  void stop() {
    connector.close();
    slack.close();
  }

  private SignedEventRequest signed(String body) {
    return SignedEventRequest.to(endpoint)
        .secret(SECRET)
        .timestamp(Instant.now().getEpochSecond())
        .body(body);
  }

  private HttpResponse<String> send(SignedEventRequest request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a fresh signed message and waits for it: requests are handled in arrival order. */
  private void awaitMarker() throws Exception {
    String marker = "marker " + System.nanoTime();
    assertThat(send(signed(event(SlackSamples.MESSAGE, marker).toString())).statusCode())
        .isEqualTo(200);
    sink.awaitMessageContaining(marker);
  }

  private long received(String text) {
    return sink.messages().stream().filter(m -> m.text().equals(text)).count();
  }

  @Test
  void shouldAnswerUrlVerificationWithItsChallenge() throws Exception {
    HttpResponse<String> response =
        send(
            signed(
                """
                {"token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
                 "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                 "type": "url_verification"}
                """));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(response.body()).get("challenge").asText())
        .isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void shouldPublishASignedEvent() throws Exception {
    HttpResponse<String> response = send(signed(SlackSamples.raw(SlackSamples.THREAD_REPLY)));

    assertThat(response.statusCode()).isEqualTo(200);
    InboundMessage message = sink.awaitMessageContaining("core.local");
    assertThat(message.thread()).isEqualTo("1718000000.000100");
    assertThat(message.senderId()).isEqualTo(SlackSamples.USER_ID);
  }

  @Test
  void shouldRefuseAForgedRequestAndPublishNothing() throws Exception {
    HttpResponse<String> response =
        send(
            signed(event(SlackSamples.MESSAGE, "forged").toString())
                .signature("v0=" + "0".repeat(64)));

    assertThat(response.statusCode()).isEqualTo(401);
    awaitMarker();
    assertThat(received("forged")).isZero();
  }

  @Test
  void shouldRefuseARequestSignedWithAnotherSecret() throws Exception {
    HttpResponse<String> response =
        send(signed(event(SlackSamples.MESSAGE, "other app").toString()).secret("not-ours"));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRefuseAStaleRequest() throws Exception {
    HttpResponse<String> response =
        send(
            signed(event(SlackSamples.MESSAGE, "stale").toString())
                .timestamp(Instant.now().minusSeconds(301).getEpochSecond()));

    assertThat(response.statusCode()).isEqualTo(401);
    awaitMarker();
    assertThat(received("stale")).isZero();
  }

  @Test
  void shouldAcknowledgeAReplayedRequestButPublishItOnce() throws Exception {
    SignedEventRequest request = signed(event(SlackSamples.MESSAGE, "replayed").toString());

    HttpResponse<String> first = send(request);
    HttpResponse<String> replay = send(request);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(200);
    awaitMarker();
    assertThat(received("replayed")).isEqualTo(1);
  }

  @Test
  void shouldAcknowledgeSlacksRetryOfAnEventItHasButNotPublishItAgain() throws Exception {
    String body = event(SlackSamples.MESSAGE, "retried").toString();
    send(signed(body));
    sink.awaitMessageContaining("retried");

    HttpResponse<String> retry =
        send(signed(body).timestamp(Instant.now().getEpochSecond() + 1).retry(1, "http_timeout"));

    assertThat(retry.statusCode()).isEqualTo(200);
    awaitMarker();
    assertThat(received("retried")).isEqualTo(1);
  }

  @Test
  void shouldPublishSlacksRetryOfAnEventThatNeverArrived() throws Exception {
    HttpResponse<String> retry =
        send(
            signed(event(SlackSamples.MESSAGE, "first seen on retry").toString())
                .retry(2, "http_error"));

    assertThat(retry.statusCode()).isEqualTo(200);
    sink.awaitMessageContaining("first seen on retry");
  }

  @Test
  void shouldPublishAButtonPressPostedAsAForm() throws Exception {
    String form =
        "payload="
            + URLEncoder.encode(
                SlackSamples.raw(SlackSamples.BLOCK_ACTIONS), StandardCharsets.UTF_8);

    HttpResponse<String> response =
        send(
            SignedEventRequest.to(endpoint)
                .secret(SECRET)
                .timestamp(Instant.now().getEpochSecond())
                .formBody(form));

    assertThat(response.statusCode()).isEqualTo(200);
    InboundMessage press = sink.awaitMessage(m -> m.interaction() != null);
    assertThat(press.interaction().value()).isEqualTo("st2 inquiry respond 42 approve");
  }

  @Test
  void shouldDeadLetterASignedBodyThatIsNotJson() throws Exception {
    HttpResponse<String> response = send(signed("{\"type\": \"event_callback\", "));

    assertThat(response.statusCode()).isEqualTo(200);
    CapturingSink.Rejection rejection = sink.awaitRejection();
    assertThat(rejection.reason()).contains("not a JSON");
    assertThat(new String(rejection.payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\": \"event_callback\", ");
  }

  @Test
  void shouldServeOnlyPostOnItsPath() throws Exception {
    HttpResponse<String> get =
        http.send(
            java.net.http.HttpRequest.newBuilder(endpoint).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(405);
  }
}
