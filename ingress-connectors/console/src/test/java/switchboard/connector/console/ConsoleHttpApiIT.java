package switchboard.connector.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.connector.InboundMessage;
import switchboard.connector.OutboundReply;
import switchboard.testkit.connectors.CapturingSink;

/** The JSON API of README.md, on a real server bound to 127.0.0.1 port 0. */
@Tag("integration")
@Timeout(60)
class ConsoleHttpApiIT {

  private final CapturingSink sink = new CapturingSink();
  private ConsoleConnector console;
  private ConsoleClient client;

  @BeforeEach
  void start() throws Exception {
    console =
        new ConsoleConnector(
            "demo",
            new ConsoleConfig(Map.of("http.port", "0", "banner", "StackStorm sandbox")).settings(),
            sink,
            Clock.systemUTC());
    console.start();
    client = new ConsoleClient(console.address());
  }

  @AfterEach
  void stop() {
    console.close();
  }

  @Test
  void shouldAcceptAMessageAndForwardIt() throws Exception {
    ConsoleClient.Response response =
        client.post(
            "api/messages",
            Map.of(
                "user",
                "alice",
                "channel",
                "#ops",
                "text",
                "@switchboard help",
                "clientMessageId",
                "c1"));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("eventId").asText()).isEqualTo("#ops/alice/c1");
    assertThat(response.json().get("forwarded").asBoolean()).isTrue();
    InboundMessage message = sink.awaitMessageContaining("help");
    assertThat(message.senderId()).isEqualTo("local:alice");
    assertThat(message.botMentions()).containsExactly("@switchboard");
  }

  @Test
  void shouldAnswerALongPollWithTheReplyDeliveredWhileItWaits() throws Exception {
    ConsoleClient.Response posted =
        client.post("api/messages", Map.of("user", "alice", "channel", "#ops", "text", "status"));
    long seq = posted.json().get("seq").asLong();
    CompletableFuture<JsonNode> poll =
        CompletableFuture.supplyAsync(() -> messages("#ops", seq, 20, "alice"));

    console.deliver(reply("#ops", "all systems go", null));

    JsonNode page = poll.get(20, TimeUnit.SECONDS);
    assertThat(page.get("messages"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.get("from").asText()).isEqualTo("bot");
              assertThat(m.get("user").asText()).isEqualTo("switchboard");
              assertThat(m.get("text").asText()).isEqualTo("all systems go");
              assertThat(m.get("pretext").asText()).isEqualTo("Status");
              assertThat(m.get("fields").get(0).get("short").asBoolean()).isTrue();
              assertThat(m.get("codeBlocks").get(0).asText()).isEqualTo("ok");
              assertThat(m.get("buttons").get(0).get("actionId").asText()).isEqualTo("again");
              assertThat(m.get("kind").asText()).isEqualTo("result");
              assertThat(m.get("status").asText()).isEqualTo("success");
              assertThat(m.get("replyId").asText()).isEqualTo("r-all systems go");
              assertThat(m.has("visibleTo")).isFalse();
            });
    assertThat(page.get("next").asLong())
        .isEqualTo(page.get("messages").get(0).get("seq").asLong());
  }

  @Test
  void shouldShowAWhisperOnlyToTheUserItIsFor() throws Exception {
    console.deliver(reply("#ops", "only for bob", "local:bob"));

    assertThat(messages("#ops", 0, 0, "bob").get("messages")).hasSize(1);
    assertThat(messages("#ops", 0, 0, "alice").get("messages")).isEmpty();
  }

  @Test
  void shouldForwardAButtonPressAsAnInteraction() throws Exception {
    ConsoleClient.Response response =
        client.post(
            "api/interactions",
            Map.of(
                "user",
                "bob",
                "channel",
                "#ops",
                "actionId",
                "approve",
                "value",
                "yes",
                "replyId",
                "r-9"));

    assertThat(response.status()).isEqualTo(202);
    InboundMessage pressed = sink.awaitMessage(m -> m.interaction() != null);
    assertThat(pressed.interaction())
        .isEqualTo(new InboundMessage.Interaction("approve", "yes", "r-9"));
    assertThat(
            messages("#ops", 0, 0, null)
                .get("messages")
                .get(0)
                .get("interaction")
                .get("actionId")
                .asText())
        .isEqualTo("approve");
  }

  @Test
  void shouldRejectAnUnreadablePayloadAsADeadLetterAndAnswer400() throws Exception {
    byte[] body = "{\"user\":\"alice\",\"text\":".getBytes(StandardCharsets.UTF_8);

    ConsoleClient.Response response = client.post("api/messages", "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").asText()).startsWith("not a message");
    CapturingSink.Rejection rejection = sink.awaitRejection();
    assertThat(rejection.payload()).isEqualTo(body);
    assertThat(rejection.reason()).isEqualTo(response.json().get("error").asText());
    assertThat(sink.messages()).isEmpty();
  }

  @Test
  void shouldRefuseRequestsTheApiDoesNotServe() throws Exception {
    byte[] form = "user=alice&channel=%23ops&text=hi".getBytes(StandardCharsets.UTF_8);

    assertThat(client.post("api/messages", "text/plain", form).status()).isEqualTo(415);
    assertThat(client.get("api/messages").status()).isEqualTo(405);
    assertThat(client.send("DELETE", "api/channels/%23ops/messages").status()).isEqualTo(405);
    assertThat(client.get("api/nothing").status()).isEqualTo(404);
    assertThat(client.get("api/channels/ops/messages").status()).isEqualTo(400);
    assertThat(client.get("api/channels/%23ops/messages?after=soon").status()).isEqualTo(400);
    assertThat(sink.rejections()).isEmpty();
  }

  @Test
  void shouldReportHealthAndTheInstanceSettings() throws Exception {
    assertThat(client.get("api/health").json().get("status").asText()).isEqualTo("UP");
    JsonNode info = client.get("api/info").json();
    assertThat(info.get("instance").asText()).isEqualTo("demo");
    assertThat(info.get("banner").asText()).isEqualTo("StackStorm sandbox");
    assertThat(info.get("botName").asText()).isEqualTo("switchboard");
    assertThat(info.get("defaultChannel").asText()).isEqualTo("#ops");
    assertThat(info.get("maxMessageChars").asInt()).isEqualTo(40_000);
  }

  @Test
  void shouldServeThePageAndItsScripts() throws Exception {
    ConsoleClient.Response page = client.get("");
    ConsoleClient.Response script = client.get("console.js");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.text()).contains("<script src=\"console.js\">");
    assertThat(script.contentType()).startsWith("text/javascript");
    assertThat(client.get("console.css").status()).isEqualTo(200);
  }

  @Test
  void shouldNameTheSettingsWhenThePortIsTaken() {
    String taken = Integer.toString(console.address().getPort());
    ConsoleConnector second =
        new ConsoleConnector(
            "second",
            new ConsoleConfig(Map.of("http.port", taken)).settings(),
            new CapturingSink(),
            Clock.systemUTC());

    assertThatThrownBy(second::start)
        .isInstanceOf(BindException.class)
        .hasMessageContaining("console second cannot listen on 127.0.0.1:" + taken)
        .hasMessageContaining("http.port");
    second.close();
  }

  private JsonNode messages(String channel, long after, int wait, String user) {
    try {
      return client.messages(channel, after, wait, user);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static OutboundReply reply(String channel, String text, String whisperTo) {
    return new OutboundReply(
        "r-" + text,
        "result",
        "local",
        channel,
        null,
        null,
        whisperTo,
        "success",
        "Status",
        text,
        List.of(new OutboundReply.Field("checks", "12", true)),
        List.of("ok"),
        List.of(new OutboundReply.Button("again", "Run again", "status", null)),
        Map.of());
  }
}
