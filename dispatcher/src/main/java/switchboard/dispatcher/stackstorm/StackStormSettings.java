package switchboard.dispatcher.stackstorm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where StackStorm is and how to reach it.
 *
 * @param apiUrl st2api's versioned base: {@code https://host/api/v1} behind nginx, {@code
 *     http://host:9101/v1} direct (contract §1); resources are appended ({@code /actionalias})
 * @param authUrl st2auth's versioned base: {@code https://host/auth/v1}, or {@code
 *     http://host:9100/v1}; {@code /tokens} is appended
 * @param streamUrl st2stream's versioned base: {@code https://host/stream/v1}, or {@code
 *     http://host:9102/v1}; {@code /stream} is appended
 * @param credentials never null
 * @param caBundle PEM file of the certificate authorities to trust instead of the JDK's; null for
 *     the JDK's
 * @param verifyTls false turns certificate and host name checks off; an explicit opt-in, logged at
 *     WARN
 * @param timeout connect and response timeout of every call, and of opening the stream
 */
public record StackStormSettings(
    URI apiUrl,
    URI authUrl,
    URI streamUrl,
    StackStormCredentials credentials,
    Path caBundle,
    boolean verifyTls,
    Duration timeout) {

  /** The timeout unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public StackStormSettings {
    apiUrl = withoutTrailingSlash(Objects.requireNonNull(apiUrl, "apiUrl"));
    authUrl = withoutTrailingSlash(Objects.requireNonNull(authUrl, "authUrl"));
    streamUrl = withoutTrailingSlash(Objects.requireNonNull(streamUrl, "streamUrl"));
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /**
   * StackStorm behind its nginx, as installed: {@code https://host} serves {@code /api/v1}, {@code
   * /auth/v1} and {@code /stream/v1} (contract §1). TLS is verified; the timeout is {@link
   * #DEFAULT_TIMEOUT}.
   */
  public static StackStormSettings behindProxy(URI base, StackStormCredentials credentials) {
    String root = withoutTrailingSlash(base).toString();
    return new StackStormSettings(
        URI.create(root + "/api/v1"),
        URI.create(root + "/auth/v1"),
        URI.create(root + "/stream/v1"),
        credentials,
        null,
        true,
        DEFAULT_TIMEOUT);
  }

  /**
   * The three services on their default ports without nginx: st2api 9101, st2auth 9100, st2stream
   * 9102, each under {@code /v1} (contract §1), over plain HTTP as they listen.
   */
  public static StackStormSettings direct(String host, StackStormCredentials credentials) {
    return new StackStormSettings(
        URI.create("http://" + host + ":9101/v1"),
        URI.create("http://" + host + ":9100/v1"),
        URI.create("http://" + host + ":9102/v1"),
        credentials,
        null,
        true,
        DEFAULT_TIMEOUT);
  }

  /** The same settings trusting the certificate authorities in a PEM file. */
  public StackStormSettings withCaBundle(Path pemFile) {
    return new StackStormSettings(
        apiUrl, authUrl, streamUrl, credentials, pemFile, verifyTls, timeout);
  }

  /** The same settings without TLS verification; for labs only, and logged at WARN. */
  public StackStormSettings withoutTlsVerification() {
    return new StackStormSettings(
        apiUrl, authUrl, streamUrl, credentials, caBundle, false, timeout);
  }

  public StackStormSettings withTimeout(Duration newTimeout) {
    return new StackStormSettings(
        apiUrl, authUrl, streamUrl, credentials, caBundle, verifyTls, newTimeout);
  }

  public StackStormSettings withCredentials(StackStormCredentials newCredentials) {
    return new StackStormSettings(
        apiUrl, authUrl, streamUrl, newCredentials, caBundle, verifyTls, timeout);
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
