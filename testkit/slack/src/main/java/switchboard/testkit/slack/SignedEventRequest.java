package switchboard.testkit.slack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the HTTP requests Slack sends to an Events API Request URL, signed as Slack signs them
 * (https://api.slack.com/authentication/verifying-requests-from-slack; chat-providers.md §1.2):
 * {@code X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw
 * body))} and {@code X-Slack-Request-Timestamp}, plus {@code X-Slack-Retry-Num} and {@code
 * X-Slack-Retry-Reason} on retries.
 *
 * <pre>{@code
 * HttpRequest request = SignedEventRequest.to(uri).secret(secret).timestamp(now)
 *     .body(SlackSamples.raw(SlackSamples.MESSAGE)).build();
 * }</pre>
 */
public final class SignedEventRequest {

  private final URI uri;
  private String secret;
  private long timestamp;
  private String body = "";
  private String contentType = "application/json";
  private String signatureOverride;
  private Integer retryNum;
  private String retryReason;

  private SignedEventRequest(URI uri) {
    this.uri = uri;
  }

  /** A request to the app's Request URL. */
  public static SignedEventRequest to(URI uri) {
    return new SignedEventRequest(uri);
  }

  /** {@code v0=} plus the hex HMAC-SHA256 of {@code v0:<timestamp>:<body>} under {@code secret}. */
  public static String signature(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The app's signing secret to sign with. */
  public SignedEventRequest secret(String secret) {
    this.secret = secret;
    return this;
  }

  /** {@code X-Slack-Request-Timestamp}, epoch seconds. */
  public SignedEventRequest timestamp(long epochSeconds) {
    this.timestamp = epochSeconds;
    return this;
  }

  /** The raw body, JSON by default. */
  public SignedEventRequest body(String body) {
    this.body = body;
    return this;
  }

  /** A form body ({@code application/x-www-form-urlencoded}), as interactivity payloads come. */
  public SignedEventRequest formBody(String body) {
    this.body = body;
    this.contentType = "application/x-www-form-urlencoded";
    return this;
  }

  /** Sends this signature instead of the correct one (a forgery). */
  public SignedEventRequest signature(String signature) {
    this.signatureOverride = signature;
    return this;
  }

  /**
   * Marks the request as Slack's retry number {@code num} for {@code reason} (e.g. http_timeout).
   */
  public SignedEventRequest retry(int num, String reason) {
    this.retryNum = num;
    this.retryReason = reason;
    return this;
  }

  /** The signature this request carries. */
  public String signature() {
    return signatureOverride != null
        ? signatureOverride
        : signature(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The POST request, ready for {@code java.net.http.HttpClient}. */
  public HttpRequest build() {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", contentType)
            .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
            .header("X-Slack-Signature", signature())
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (retryNum != null) {
      request.header("X-Slack-Retry-Num", retryNum.toString());
      request.header("X-Slack-Retry-Reason", retryReason);
    }
    return request.build();
  }
}
