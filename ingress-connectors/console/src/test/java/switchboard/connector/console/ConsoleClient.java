package switchboard.connector.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A script's view of the console's JSON API (README.md), for tests. */
final class ConsoleClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ConsoleClient(URI base) {
    this.base = base;
  }

  /** A status and the body, parsed when it is JSON. */
  record Response(int status, String contentType, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }
  }

  Response post(String path, Object body) throws IOException, InterruptedException {
    return post(path, "application/json", JSON.writeValueAsBytes(body));
  }

  Response post(String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Response send(String method, String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** {@code GET /api/channels/{channel}/messages}; {@code user} may be null. */
  JsonNode messages(String channel, long after, int waitSeconds, String user)
      throws IOException, InterruptedException {
    String path =
        "api/channels/"
            + URLEncoder.encode(channel, StandardCharsets.UTF_8)
            + "/messages?after="
            + after
            + "&wait="
            + waitSeconds
            + (user == null ? "" : "&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8));
    Response response = get(path);
    if (response.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + response);
    }
    return response.json();
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }
}
