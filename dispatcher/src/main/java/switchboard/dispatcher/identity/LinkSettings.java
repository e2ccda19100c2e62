package switchboard.dispatcher.identity;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The self-service link page.
 *
 * @param publicUrl the page's address as users' browsers reach it (usually through a TLS proxy),
 *     without the token, e.g. {@code https://switchboard.example.com/link}; empty for the page's
 *     own address, which suits a sandbox whose browser runs on the same host
 * @param bindAddress the interface the page listens on; never null
 * @param port the port it listens on; 0 for any free port
 * @param ttl how long a link stays valid after it was sent
 * @param maxAttempts wrong sign-ins a link survives before it is void
 */
public record LinkSettings(
    Optional<URI> publicUrl, String bindAddress, int port, Duration ttl, int maxAttempts) {

  public LinkSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    publicUrl =
        publicUrl.map(
            url -> {
              String text = url.toString();
              return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            });
    if (ttl == null || ttl.isNegative() || ttl.isZero() || maxAttempts < 1) {
      throw new IllegalArgumentException("a link needs a positive TTL and at least one attempt");
    }
  }

  /**
   * The URL of one token.
   *
   * @param boundPort the port the page actually listens on, which differs from {@link #port()} when
   *     that is 0
   */
  URI urlOf(String token, int boundPort) {
    return URI.create(
        publicUrl
                .map(URI::toString)
                .orElse("http://" + bindAddress + ":" + boundPort + LinkPage.PATH)
            + "/"
            + token);
  }
}
