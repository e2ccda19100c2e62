package switchboard.testkit.stackstorm;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the double received, for contract tests. Secrets never appear: the {@code
 * Authorization}, {@code St2-Api-Key}, {@code X-Auth-Token} and {@code Cookie} headers are left
 * out, and the {@code st2-api-key} and {@code x-auth-token} query parameters are masked.
 *
 * @param method HTTP method
 * @param path the path with the (masked) query, e.g. {@code /api/v1/actionalias?limit=100}
 * @param headers header names in lower case to their values, secrets removed
 * @param body the request body as text, "" when empty
 * @param at when it arrived
 */
public record RecordedRequest(
    String method, String path, Map<String, List<String>> headers, String body, Instant at) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The path without the query. */
  public String pathOnly() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** The first value of a header (name in any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
