package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Plain HTTP against the double, so its tests do not depend on the client under test elsewhere. */
final class RawSt2 {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  RawSt2(URI base) {
    this.base = base;
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  HttpResponse<String> post(String path, Object body, String... headers) {
    String text = body instanceof String s ? s : write(body);
    return send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build());
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens the event stream and collects its lines until {@link Lines#close()}. */
  Lines stream(String pathAndQuery, String... headers) {
    HttpResponse<Stream<String>> response;
    try {
      response =
          http.send(
              request(pathAndQuery, headers).GET().build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Lines lines = new Lines(response);
    Thread reader = new Thread(lines::read, "raw-sse-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** The lines of one stream connection, as they arrive. */
  static final class Lines implements AutoCloseable {
    final HttpResponse<Stream<String>> response;
    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile boolean ended;

    Lines(HttpResponse<Stream<String>> response) {
      this.response = response;
    }

    private void read() {
      try (Stream<String> body = response.body()) {
        body.forEach(lines::add);
      } catch (RuntimeException e) {
        // the connection was closed under us
      } finally {
        ended = true;
      }
    }

    /** The {@code data:} JSON of every frame with this event name, in arrival order. */
    List<JsonNode> data(String event) {
      List<JsonNode> found = new ArrayList<>();
      List<String> snapshot = List.copyOf(lines);
      for (int i = 0; i + 1 < snapshot.size(); i++) {
        if (snapshot.get(i).equals("event: " + event) && snapshot.get(i + 1).startsWith("data: ")) {
          found.add(json(snapshot.get(i + 1).substring(6)));
        }
      }
      return found;
    }

    /** Every event name received, in order. */
    List<String> events() {
      return lines.stream().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
    }

    @Override
    public void close() {
      response.body().close();
    }
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
