package switchboard.connector.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that an Events API request comes from Slack
 * (https://api.slack.com/authentication/verifying-requests-from-slack; chat-providers.md §1.2):
 * {@code X-Slack-Signature} must equal {@code v0=hex(HMAC-SHA256(signing secret, "v0:" +
 * X-Slack-Request-Timestamp + ":" + raw body))}, compared in constant time, and the timestamp must
 * lie within five minutes of now, in either direction (the SDK's own verifier checks one side only
 * and compares with {@code String.equals}).
 *
 * <p>A request whose signature and timestamp were accepted before is a replay: it is reported as
 * {@link Verdict#DUPLICATE}, to be acknowledged and dropped. Signatures are remembered only for the
 * five-minute window, since an older one fails the timestamp check anyway. No I/O; thread-safe.
 */
final class SlackRequestVerifier {

  /** Slack's replay window. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  /** How a request fared. */
  enum Verdict {
    /** Signed by Slack, fresh, first seen. */
    VALID,
    /** Signed by Slack and fresh, but this exact request was accepted before. */
    DUPLICATE,
    /** A signature or timestamp header is missing or malformed. */
    MISSING_HEADERS,
    /** The timestamp is more than five minutes away from now. */
    STALE,
    /** The signature does not match the body: forged, or another app's secret. */
    FORGED
  }

  private final byte[] signingSecret;
  private final Clock clock;
  private final Map<String, Long> seen = new HashMap<>();

  SlackRequestVerifier(String signingSecret, Clock clock) {
    this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /**
   * Judges one request.
   *
   * @param timestamp the {@code X-Slack-Request-Timestamp} header, or null
   * @param signature the {@code X-Slack-Signature} header, or null
   * @param body the raw body, before any parsing
   */
  Verdict verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
      return Verdict.MISSING_HEADERS;
    }
    long sentAt = Long.parseLong(timestamp);
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - sentAt) > WINDOW.toSeconds()) {
      return Verdict.STALE;
    }
    byte[] expected = expectedSignature(timestamp, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.FORGED;
    }
    synchronized (seen) {
      seen.values().removeIf(at -> Math.abs(now - at) > WINDOW.toSeconds());
      return seen.putIfAbsent(signature + ":" + timestamp, sentAt) == null
          ? Verdict.VALID
          : Verdict.DUPLICATE;
    }
  }

  private String expectedSignature(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingSecret, "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
