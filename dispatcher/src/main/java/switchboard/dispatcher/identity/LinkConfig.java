package switchboard.dispatcher.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of the self-service link page ({@code dispatcher.link.*}). */
public final class LinkConfig extends AbstractConfig {

  public static final String ENABLED_CONFIG = "dispatcher.link.enabled";
  private static final String ENABLED_DOC =
      "Whether users may link their own StackStorm account by sending 'link' to the bot, on a"
          + " page this dispatcher serves (switchboard up turns it on); when off, they are told to"
          + " ask an administrator (switchboard identity link). Users' browsers must reach the"
          + " page: set dispatcher.link.public.url to its https address behind your proxy.";

  public static final String PUBLIC_URL_CONFIG = "dispatcher.link.public.url";
  private static final String PUBLIC_URL_DOC =
      "Where users' browsers reach the link page, without the token (e.g."
          + " https://switchboard.example.com/link); put a TLS proxy in front of it. Empty: the"
          + " page's own address, for a local sandbox.";

  public static final String BIND_ADDRESS_CONFIG = "dispatcher.link.bind.address";
  private static final String BIND_ADDRESS_DOC =
      "Interface the link page listens on; 127.0.0.1 keeps it behind the local proxy.";

  public static final String PORT_CONFIG = "dispatcher.link.port";
  private static final String PORT_DOC = "Port of the link page; 0 for any free port.";

  public static final String TTL_MS_CONFIG = "dispatcher.link.ttl.ms";
  private static final String TTL_MS_DOC =
      "How long a link sent in chat stays valid; it also stops working once used.";

  public static final String MAX_ATTEMPTS_CONFIG = "dispatcher.link.max.attempts";
  private static final String MAX_ATTEMPTS_DOC =
      "Wrong StackStorm sign-ins one link survives before it is void.";

  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(ENABLED_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, ENABLED_DOC)
          .define(
              PUBLIC_URL_CONFIG,
              Type.STRING,
              "",
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    if (!value.toString().isEmpty() && !isWebAddress(value.toString())) {
                      throw new ConfigException(
                          name,
                          value,
                          "must be empty or an absolute https:// URL (http:// only on this"
                              + " host): users type their StackStorm password there");
                    }
                  },
                  () -> "empty or an http(s) URL"),
              Importance.HIGH,
              PUBLIC_URL_DOC)
          .define(
              BIND_ADDRESS_CONFIG,
              Type.STRING,
              "127.0.0.1",
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              BIND_ADDRESS_DOC)
          .define(PORT_CONFIG, Type.INT, 8091, Range.between(0, 65535), Importance.MEDIUM, PORT_DOC)
          .define(
              TTL_MS_CONFIG,
              Type.LONG,
              Duration.ofMinutes(10).toMillis(),
              Range.between(Duration.ofSeconds(30).toMillis(), Duration.ofHours(1).toMillis()),
              Importance.LOW,
              TTL_MS_DOC)
          .define(
              MAX_ATTEMPTS_CONFIG,
              Type.INT,
              3,
              Range.between(1, 10),
              Importance.LOW,
              MAX_ATTEMPTS_DOC);

  private static boolean isWebAddress(String text) {
    try {
      URI url = new URI(text);
      return url.isAbsolute()
          && url.getHost() != null
          && ("https".equals(url.getScheme())
              || ("http".equals(url.getScheme()) && isLoopback(url.getHost())));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return bare.equals("localhost") || bare.startsWith("127.") || bare.equals("::1");
  }

  /**
   * What the keys' own validators cannot see: a page listening beyond this host needs the public
   * URL its users reach it at, since the bind address is no address for a browser.
   */
  public static List<String> problems(Map<String, String> originals) {
    LinkConfig config;
    try {
      config = new LinkConfig(originals);
    } catch (ConfigException e) {
      return List.of(); // the keys' own validators report it
    }
    if (config.getBoolean(ENABLED_CONFIG)
        && config.getString(PUBLIC_URL_CONFIG).isEmpty()
        && !isLoopback(config.getString(BIND_ADDRESS_CONFIG))) {
      return List.of(
          PUBLIC_URL_CONFIG
              + " is required when the link page listens beyond this host ("
              + BIND_ADDRESS_CONFIG
              + "="
              + config.getString(BIND_ADDRESS_CONFIG)
              + ")");
    }
    return List.of();
  }

  public LinkConfig(Map<String, ?> originals) {
    super(CONFIG, originals, false);
  }

  /** The settings, or empty when self-service linking is off. */
  public Optional<LinkSettings> settings() {
    if (!getBoolean(ENABLED_CONFIG)) {
      return Optional.empty();
    }
    String publicUrl = getString(PUBLIC_URL_CONFIG);
    return Optional.of(
        new LinkSettings(
            publicUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(publicUrl)),
            getString(BIND_ADDRESS_CONFIG),
            getInt(PORT_CONFIG),
            Duration.ofMillis(getLong(TTL_MS_CONFIG)),
            getInt(MAX_ATTEMPTS_CONFIG)));
  }
}
