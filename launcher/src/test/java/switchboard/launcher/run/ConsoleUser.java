package switchboard.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** One person using the console chat through its HTTP API, as its page does. */
final class ConsoleUser {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI console;
  private final String name;
  private final HttpClient http = HttpClient.newHttpClient();

  ConsoleUser(URI console, String name) {
    this.console = console;
    this.name = name;
  }

  void say(String channel, String text) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("user", name)
            .put("channel", channel)
            .put("text", text)
            .toString();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(console.resolve("/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(202);
  }

  /**
   * The bot's messages in {@code channel} that this user sees, once one of them is {@code done}.
   */
  List<JsonNode> awaitBot(String channel, Predicate<JsonNode> done) {
    URI uri =
        console.resolve(
            "/api/channels/"
                + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                + "/messages?after=0&user="
                + URLEncoder.encode(name, StandardCharsets.UTF_8));
    return await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              JsonNode page =
                  JSON.readTree(
                      http.send(
                              HttpRequest.newBuilder(uri).build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body());
              List<JsonNode> bot = new ArrayList<>();
              page.path("messages")
                  .forEach(
                      m -> {
                        if (m.path("from").asText().equals("bot")) {
                          bot.add(m);
                        }
                      });
              return bot;
            },
            bot -> bot.stream().anyMatch(done));
  }

  /** Waits for the bot's first message of this kind in the channel, and gives its text. */
  String awaitBot(String channel, String kind) {
    return text(awaitBot(channel, kind(kind)), kind);
  }

  static Predicate<JsonNode> kind(String kind) {
    return m -> m.path("kind").asText().equals(kind);
  }

  /** The pretext and text of the first message of this kind. */
  static String text(List<JsonNode> messages, String kind) {
    return messages.stream()
        .filter(kind(kind))
        .map(m -> m.path("pretext").asText("") + "\n" + m.path("text").asText(""))
        .findFirst()
        .orElseThrow();
  }
}
