package switchboard.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalSlackTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalSlack slack = LocalSlack.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    slack.close();
  }

  private HttpResponse<String> form(String method, String bearer, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> json(String method, String bearer, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Authorization", "Bearer " + bearer)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void shouldAnswerAuthTestWithTheBotsIdentity() throws Exception {
    JsonNode answer = body(form("auth.test", slack.botToken(), ""));

    assertThat(answer.get("ok").asBoolean()).isTrue();
    assertThat(answer.get("user_id").asText()).isEqualTo(SlackSamples.BOT_USER_ID);
    assertThat(answer.get("bot_id").asText()).isEqualTo(SlackSamples.BOT_ID);
    assertThat(answer.get("team_id").asText()).isEqualTo(SlackSamples.TEAM_ID);
  }

  @Test
  void shouldTellMissingUnknownAndMisplacedTokensApart() throws Exception {
    assertThat(
            body(form("chat.postMessage", null, "channel=C0OPS0001&text=x")).get("error").asText())
        .isEqualTo("not_authed");
    assertThat(
            body(form("chat.postMessage", "xoxb-forged", "channel=C0OPS0001&text=x"))
                .get("error")
                .asText())
        .isEqualTo("invalid_auth");
    assertThat(
            body(form("chat.postMessage", slack.appToken(), "channel=C0OPS0001&text=x"))
                .get("error")
                .asText())
        .isEqualTo("not_allowed_token_type");
    assertThat(
            body(form(
                    "chat.postMessage",
                    null,
                    "token=" + slack.botToken() + "&channel=C0OPS0001&text=x"))
                .get("ok")
                .asBoolean())
        .isTrue();
    assertThat(slack.calls())
        .extracting(ApiCall::tokenKind)
        .containsExactly(TokenKind.NONE, TokenKind.UNKNOWN, TokenKind.APP, TokenKind.BOT);
  }

  @Test
  void shouldOpenConnectionsOnlyWithTheAppTokenInTheHeader() throws Exception {
    assertThat(
            body(form("apps.connections.open", null, "token=" + slack.appToken()))
                .get("error")
                .asText())
        .isEqualTo("not_authed");
    assertThat(body(form("apps.connections.open", slack.botToken(), "")).get("error").asText())
        .isEqualTo("not_allowed_token_type");
    assertThat(body(form("apps.connections.open", slack.appToken(), "")).get("url").asText())
        .startsWith("ws://127.0.0.1:")
        .contains("ticket=");
  }

  @Test
  void shouldAcceptAJsonBodyAndRecordItsArguments() throws Exception {
    JsonNode answer =
        body(
            json(
                "chat.postMessage",
                slack.botToken(),
                """
                {"channel": "C0OPS0001", "text": "hi", "thread_ts": "1718000000.000100",
                 "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}
                """));

    assertThat(answer.get("ok").asBoolean()).isTrue();
    assertThat(answer.get("message").get("thread_ts").asText()).isEqualTo("1718000000.000100");
    PostedMessage posted = slack.messages(SlackSamples.CHANNEL_ID).get(0);
    assertThat(posted.ts()).isEqualTo(answer.get("ts").asText());
    assertThat(posted.blocks().get(0).get("type").asText()).isEqualTo("section");
    assertThat(slack.calls("chat.postMessage").get(0).json("blocks")).isEqualTo(posted.blocks());
  }

  @Test
  void shouldRefuseWhatSlackRefuses() throws Exception {
    String token = slack.botToken();
    String tooLongSection =
        "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\""
            + "x".repeat(3_001)
            + "\"}}]";

    assertThat(
            body(form("chat.postMessage", token, "channel=C0NONE001&text=x")).get("error").asText())
        .isEqualTo("channel_not_found");
    assertThat(body(form("chat.postMessage", token, "channel=C0OPS0001")).get("error").asText())
        .isEqualTo("no_text");
    assertThat(
            body(form("chat.postMessage", token, "channel=C0OPS0001&text=" + "x".repeat(40_001)))
                .get("error")
                .asText())
        .isEqualTo("msg_too_long");
    JsonNode invalid =
        body(form("chat.postMessage", token, "channel=C0OPS0001&blocks=" + encode(tooLongSection)));
    assertThat(invalid.get("error").asText()).isEqualTo("invalid_blocks");
    assertThat(invalid.get("response_metadata").get("messages").get(0).asText())
        .isEqualTo("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
    assertThat(
            body(form("chat.postEphemeral", token, "channel=C0OPS0001&text=x"))
                .get("error")
                .asText())
        .isEqualTo("user_not_in_channel");
    assertThat(slack.messages()).isEmpty();
  }

  @Test
  void shouldAnswer429WithRetryAfterWhenProgrammed() throws Exception {
    slack.rateLimitNextCalls("chat.postMessage", 1, Duration.ofMillis(1_500));

    HttpResponse<String> limited =
        form("chat.postMessage", slack.botToken(), "channel=C0OPS0001&text=x");
    HttpResponse<String> next =
        form("chat.postMessage", slack.botToken(), "channel=C0OPS0001&text=x");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("2");
    assertThat(body(limited).get("error").asText()).isEqualTo("ratelimited");
    assertThat(next.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldLimitPostsPerChannel() throws Exception {
    slack.limitChannelRate(SlackSamples.CHANNEL_ID, Duration.ofMinutes(1), Duration.ofSeconds(1));

    HttpResponse<String> first =
        form("chat.postMessage", slack.botToken(), "channel=C0OPS0001&text=1");
    HttpResponse<String> second =
        form("chat.postMessage", slack.botToken(), "channel=C0OPS0001&text=2");
    HttpResponse<String> elsewhere =
        form("chat.postMessage", slack.botToken(), "channel=D0DM00001&text=3");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(elsewhere.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldShareAFileUploadedInThreeSteps() throws Exception {
    byte[] content = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
    JsonNode url =
        body(
            form(
                "files.getUploadURLExternal",
                slack.botToken(),
                "filename=out.txt&length=" + content.length));
    HttpResponse<String> upload =
        http.send(
            HttpRequest.newBuilder(URI.create(url.get("upload_url").asText()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String files = "[{\"id\":\"" + url.get("file_id").asText() + "\",\"title\":\"Output\"}]";
    JsonNode complete =
        body(
            form(
                "files.completeUploadExternal",
                slack.botToken(),
                "files=" + encode(files) + "&channel_id=C0OPS0001&thread_ts=1718000000.000100"));

    assertThat(upload.statusCode()).isEqualTo(200);
    assertThat(complete.get("ok").asBoolean()).isTrue();
    assertThat(complete.get("files").get(0).get("id").asText())
        .isEqualTo(url.get("file_id").asText());
    UploadedFile file = slack.files().get(0);
    assertThat(file.text()).isEqualTo("line 1\nline 2\n");
    assertThat(file.title()).isEqualTo("Output");
    assertThat(file.threadTs()).isEqualTo("1718000000.000100");
  }

  @Test
  void shouldRefuseToCompleteAFileThatWasNeverUploaded() throws Exception {
    JsonNode url =
        body(form("files.getUploadURLExternal", slack.botToken(), "filename=a.txt&length=3"));
    String files = "[{\"id\":\"" + url.get("file_id").asText() + "\"}]";

    JsonNode complete =
        body(form("files.completeUploadExternal", slack.botToken(), "files=" + encode(files)));

    assertThat(complete.get("error").asText()).isEqualTo("file_not_found");
  }

  @Test
  void shouldSpeakSocketModeHelloEnvelopesAcksAndDisconnect() throws Exception {
    // Given a client connected with a fresh URL
    String url = body(form("apps.connections.open", slack.appToken(), "")).get("url").asText();
    Frames frames = new Frames();
    WebSocket socket =
        http.newWebSocketBuilder().buildAsync(URI.create(url), frames).get(10, TimeUnit.SECONDS);

    // When an event is sent, acknowledged, and Slack disconnects
    await().until(() -> frames.count() == 1);
    String envelope = slack.socketMode().sendEvent(SlackSamples.tree(SlackSamples.MESSAGE));
    await().until(() -> frames.count() == 2);
    socket.sendText("{\"envelope_id\":\"" + envelope + "\"}", true).get(10, TimeUnit.SECONDS);
    await().until(() -> slack.socketMode().acked(envelope));
    slack.socketMode().disconnect(slack.socketMode().liveConnections().get(0), "refresh_requested");

    // Then the client saw hello, the envelope, then the disconnect, and the link closed
    await().until(() -> frames.closed.isDone());
    assertThat(frames.types()).containsExactly("hello", "events_api", "disconnect");
    assertThat(frames.get(1).get("envelope_id").asText()).isEqualTo(envelope);
    assertThat(frames.get(1).get("retry_attempt").asInt()).isZero();
    assertThat(frames.get(1).get("payload")).isEqualTo(SlackSamples.tree(SlackSamples.MESSAGE));
    assertThat(frames.get(2).get("reason").asText()).isEqualTo("refresh_requested");
    assertThat(slack.socketMode().acks())
        .extracting(EnvelopeAck::envelopeId)
        .containsExactly(envelope);
  }

  @Test
  void shouldRefuseAConnectionUrlUsedTwice() throws Exception {
    String url = body(form("apps.connections.open", slack.appToken(), "")).get("url").asText();
    WebSocket first =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(url), new Frames())
            .get(10, TimeUnit.SECONDS);

    CompletableFuture<WebSocket> second =
        http.newWebSocketBuilder().buildAsync(URI.create(url), new Frames());

    assertThat(second)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class);
    first.abort();
  }

  @Test
  void shouldSendAnEnvelopeToExactlyOneOfSeveralConnectionsAndHoldItWhenNoneIsLive()
      throws Exception {
    String envelope = slack.socketMode().sendEvent(SlackSamples.tree(SlackSamples.MESSAGE));
    Frames a = new Frames();
    Frames b = new Frames();

    http.newWebSocketBuilder()
        .buildAsync(
            URI.create(
                body(form("apps.connections.open", slack.appToken(), "")).get("url").asText()),
            a)
        .get(10, TimeUnit.SECONDS);
    await().until(() -> a.count() == 2);
    http.newWebSocketBuilder()
        .buildAsync(
            URI.create(
                body(form("apps.connections.open", slack.appToken(), "")).get("url").asText()),
            b)
        .get(10, TimeUnit.SECONDS);
    await().until(() -> b.count() == 1);
    slack.socketMode().sendEvent(SlackSamples.tree(SlackSamples.DIRECT_MESSAGE));
    await().until(() -> a.count() + b.count() == 4);

    assertThat(a.get(1).get("envelope_id").asText()).isEqualTo(envelope);
    assertThat(slack.socketMode().deliveries()).hasSize(2);
    assertThat(slack.socketMode().redeliverUnacked()).isEqualTo(2);
    await().until(() -> a.count() + b.count() == 6);
  }

  @Test
  void shouldSignAsSlacksDocumentationShows() {
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
            + "commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    assertThat(
            SignedEventRequest.signature(
                "8f742231b10e8888abcd99yyyzzz85a5",
                1531420618L,
                body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }

  @Test
  void shouldLoadEveryRecordedSample() {
    for (String name : SlackSamples.ALL) {
      JsonNode sample = SlackSamples.tree(name);
      assertThat(sample.get("type").asText()).as(name).isIn("event_callback", "block_actions");
    }
  }

  /** Collects the text frames a WebSocket client receives. */
  private static final class Frames implements WebSocket.Listener {
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    int count() {
      return frames.size();
    }

    JsonNode get(int index) {
      return frames.get(index);
    }

    List<String> types() {
      return frames.stream().map(f -> f.path("type").asText()).toList();
    }
  }
}
