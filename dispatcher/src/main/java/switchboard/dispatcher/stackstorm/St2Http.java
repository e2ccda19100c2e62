package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.net.ssl.SSLException;

/**
 * The HTTP plumbing under the client: one {@link HttpClient}, st2's status codes sorted into the
 * three {@link StackStormException}s, and JSON bodies. Thread-safe.
 */
final class St2Http {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final int MAX_FAULT_TEXT = 300;

  private final HttpClient client;
  private final Duration timeout;

  St2Http(StackStormSettings settings) {
    this.timeout = settings.timeout();
    this.client =
        HttpClient.newBuilder()
            // st2's services speak HTTP/1.1, and so does nginx towards them (contract §1).
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .sslContext(StackStormTls.context(settings))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpClient client() {
    return client;
  }

  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
  }

  HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * @throws StackStormUnavailable when there is no answer: refused, timed out, TLS failed,
   *     interrupted
   */
  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
    } catch (HttpTimeoutException e) {
      throw new StackStormUnavailable(0, "StackStorm did not answer within " + timeout, null, e);
    } catch (ConnectException e) {
      throw new StackStormUnavailable(
          0, "cannot connect to StackStorm at " + origin(request), null, e);
    } catch (SSLException e) {
      throw new StackStormUnavailable(
          0, "TLS with StackStorm at " + origin(request) + " failed: " + e.getMessage(), null, e);
    } catch (IOException e) {
      throw new StackStormUnavailable(
          0, "talking to StackStorm at " + origin(request) + " failed: " + e, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackStormUnavailable(0, "interrupted while calling StackStorm", null, e);
    }
  }

  /**
   * The JSON body of a 2xx answer.
   *
   * @throws StackStormException for any other status, or a 2xx body that is not JSON
   */
  JsonNode checked(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw failure(status, response.body(), response.headers());
    }
    try {
      return JSON.readTree(response.body().isEmpty() ? "null" : response.body());
    } catch (JsonProcessingException e) {
      throw new StackStormUnavailable(
          status, "StackStorm answered " + status + " with a body that is not JSON", null, e);
    }
  }

  /** Sorts a non-2xx status into the exception the caller must handle (contract §4.5). */
  static StackStormException failure(int status, String body, HttpHeaders headers) {
    String faultstring = faultstring(status, body);
    if (status == 401) {
      return new StackStormAuthFailed(status, faultstring);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new StackStormUnavailable(
          status,
          "StackStorm is unavailable (" + status + "): " + faultstring,
          retryAfter(headers),
          null);
    }
    if (status >= 400) {
      return new StackStormRejected(status, faultstring);
    }
    return new StackStormUnavailable(
        status, "StackStorm answered an unexpected " + status + ": " + faultstring, null, null);
  }

  /** st2's {@code {"faultstring": ...}}, else the start of the body, else the status. */
  private static String faultstring(int status, String body) {
    if (body != null && !body.isBlank()) {
      try {
        JsonNode json = JSON.readTree(body);
        if (json.path("faultstring").isTextual()) {
          return json.get("faultstring").asText();
        }
      } catch (JsonProcessingException e) {
        // not JSON: a proxy's page; fall through to its text
      }
      String text = body.strip();
      return text.length() > MAX_FAULT_TEXT ? text.substring(0, MAX_FAULT_TEXT) + "..." : text;
    }
    return "HTTP " + status;
  }

  /** {@code Retry-After} as seconds or an HTTP date (RFC 9110 §10.2.3). */
  static Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException unparseable) {
        return null;
      }
    }
  }

  private static String origin(HttpRequest request) {
    URI uri = request.uri();
    return uri.getScheme() + "://" + uri.getAuthority();
  }
}
