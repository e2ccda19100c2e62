package switchboard.connector.slack;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings of one Slack instance: the keys under {@code connectors.<instance>.} with the prefix
 * stripped (style.md §4). The smallest Socket Mode setup is
 *
 * <pre>
 * connectors.ops-slack.provider=slack
 * connectors.ops-slack.bot.token=xoxb-...
 * connectors.ops-slack.app.token=xapp-...
 * </pre>
 *
 * <p>Each instance is one Slack app installation with its own tokens; several instances run side by
 * side (one per workspace, or several apps in one), and their conversation keys never collide
 * because the runtime puts the instance name in them.
 */
public final class SlackConnectorConfig extends AbstractConfig {

  public static final String BOT_TOKEN_CONFIG = "bot.token";
  public static final String BOT_TOKEN_DOC =
      "Bot token (xoxb-...) of the Slack app installation; every Web API call (auth.test,"
          + " chat.postMessage, chat.postEphemeral, files.*) uses it. Needs the scopes chat:write"
          + " and files:write, plus the history scopes of the conversations the bot reads"
          + " (channels:history, groups:history, im:history, mpim:history).";

  public static final String APP_TOKEN_CONFIG = "app.token";
  public static final String APP_TOKEN_DOC =
      "App-level token (xapp-...) with the connections:write scope; required when mode=socket,"
          + " where it opens the Socket Mode connections (apps.connections.open).";

  public static final String SIGNING_SECRET_CONFIG = "signing.secret";
  public static final String SIGNING_SECRET_DOC =
      "The app's signing secret; required when mode=events. Every Events API request must carry a"
          + " valid X-Slack-Signature (HMAC-SHA256) made with it and a timestamp within five"
          + " minutes, or it is refused with HTTP 401.";

  public static final String MODE_CONFIG = "mode";
  public static final String MODE_DOC =
      "How events reach the connector: 'socket' (Socket Mode: outbound WebSocket connections, no"
          + " public endpoint; needs app.token) or 'events' (Events API: Slack POSTs to an HTTP"
          + " endpoint this connector serves at events.http.host:events.http.port + events.path;"
          + " needs signing.secret).";

  public static final String SOCKET_CONNECTIONS_CONFIG = "socket.connections";
  public static final String SOCKET_CONNECTIONS_DOC =
      "Socket Mode connections kept open at once (Slack allows up to 10 per app). Slack sends each"
          + " event to one of them, so with two or more, one connection can refresh or reconnect"
          + " while the others keep receiving.";

  public static final String EVENTS_HTTP_HOST_CONFIG = "events.http.host";
  public static final String EVENTS_HTTP_HOST_DOC =
      "Address the Events API endpoint listens on (mode=events). Slack must reach it, usually"
          + " through a TLS-terminating proxy.";

  public static final String EVENTS_HTTP_PORT_CONFIG = "events.http.port";
  public static final String EVENTS_HTTP_PORT_DOC =
      "TCP port of the Events API endpoint (mode=events); 0 picks a free port.";

  public static final String EVENTS_PATH_CONFIG = "events.path";
  public static final String EVENTS_PATH_DOC =
      "Path of the Events API endpoint (mode=events): set the app's Event Subscriptions Request URL"
          + " and its Interactivity Request URL to it. Answers url_verification challenges.";

  public static final String API_URL_CONFIG = "api.url";
  public static final String API_URL_DOC =
      "Base URL of Slack's Web API, ending in '/'. Change it only to reach Slack through a proxy or"
          + " a local test Slack.";

  public static final String API_TIMEOUT_MS_CONFIG = "api.timeout.ms";
  public static final String API_TIMEOUT_MS_DOC =
      "Timeout of one Web API call in milliseconds; a call that times out is retried by the"
          + " notifier as a transient failure.";

  public static final String REPLY_IN_THREAD_CONFIG = "reply.in.thread";
  public static final String REPLY_IN_THREAD_DOC =
      "Where replies to a command go: 'thread' answers in a thread only when the command was"
          + " written in one, else in the channel; 'always' answers every channel command in a"
          + " thread under it. Direct messages are never threaded.";

  public static final String REPLY_IN_THREAD_CHANNELS_CONFIG = "reply.in.thread.channels";
  public static final String REPLY_IN_THREAD_CHANNELS_DOC =
      "Per-channel overrides of reply.in.thread, a comma-separated list of <channel id>=<thread|"
          + "always>, e.g. C0123ABCD=always,C0456EFGH=thread.";

  public static final String FILE_UPLOAD_THRESHOLD_CHARS_CONFIG = "file.upload.threshold.chars";
  public static final String FILE_UPLOAD_THRESHOLD_CHARS_DOC =
      "A reply whose output (text and code blocks) is longer than this many characters is posted"
          + " as a short message plus the output uploaded as a text file in the reply's thread;"
          + " shorter output is split over messages at Slack's limits (3,000 characters per"
          + " section, 50 blocks per message). Whispers are never uploaded, since files cannot be"
          + " ephemeral.";

  public static final String PACING_PER_CHANNEL_MS_CONFIG = "pacing.per.channel.ms";
  public static final String PACING_PER_CHANNEL_MS_DOC =
      "Shortest gap in milliseconds between two messages the notifier posts to one channel."
          + " Slack allows chat.postMessage about one message per second per channel; a"
          + " Retry-After answer still delays further.";

  public static final String COLOR_SUCCESS_CONFIG = "color.success";
  public static final String COLOR_SUCCESS_DOC =
      "Colour bar of replies reporting success: 'good', 'warning', 'danger' or #rrggbb. The default"
          + " is hubot-stackstorm's ST2_SLACK_SUCCESS_COLOR.";

  public static final String COLOR_FAILURE_CONFIG = "color.failure";
  public static final String COLOR_FAILURE_DOC =
      "Colour bar of replies reporting failure: 'good', 'warning', 'danger' or #rrggbb. The default"
          + " is hubot-stackstorm's ST2_SLACK_FAIL_COLOR.";

  private static final Pattern COLOR = Pattern.compile("good|warning|danger|#?[0-9A-Fa-f]{6}");
  private static final Pattern CHANNEL_MODE = Pattern.compile("[A-Z0-9]+=(thread|always)");

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              BOT_TOKEN_CONFIG,
              Type.PASSWORD,
              ConfigDef.NO_DEFAULT_VALUE,
              token("xoxb-", false),
              Importance.HIGH,
              BOT_TOKEN_DOC)
          .define(
              APP_TOKEN_CONFIG,
              Type.PASSWORD,
              null,
              token("xapp-", true),
              Importance.HIGH,
              APP_TOKEN_DOC)
          .define(
              SIGNING_SECRET_CONFIG,
              Type.PASSWORD,
              null,
              token("", true),
              Importance.HIGH,
              SIGNING_SECRET_DOC)
          .define(
              MODE_CONFIG,
              Type.STRING,
              "socket",
              ConfigDef.ValidString.in("socket", "events"),
              Importance.HIGH,
              MODE_DOC)
          .define(
              SOCKET_CONNECTIONS_CONFIG,
              Type.INT,
              2,
              ConfigDef.Range.between(1, 10),
              Importance.MEDIUM,
              SOCKET_CONNECTIONS_DOC)
          .define(
              EVENTS_HTTP_HOST_CONFIG,
              Type.STRING,
              "0.0.0.0",
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              EVENTS_HTTP_HOST_DOC)
          .define(
              EVENTS_HTTP_PORT_CONFIG,
              Type.INT,
              3000,
              ConfigDef.Range.between(0, 65535),
              Importance.MEDIUM,
              EVENTS_HTTP_PORT_DOC)
          .define(
              EVENTS_PATH_CONFIG,
              Type.STRING,
              "/slack/events",
              matching(Pattern.compile("/\\S*"), "a path starting with '/'"),
              Importance.LOW,
              EVENTS_PATH_DOC)
          .define(
              API_URL_CONFIG,
              Type.STRING,
              "https://slack.com/api/",
              ConfigDef.LambdaValidator.with(
                  SlackConnectorConfig::validateApiUrl, () -> "an http(s) URL ending in '/'"),
              Importance.LOW,
              API_URL_DOC)
          .define(
              API_TIMEOUT_MS_CONFIG,
              Type.INT,
              10_000,
              ConfigDef.Range.between(100, 300_000),
              Importance.LOW,
              API_TIMEOUT_MS_DOC)
          .define(
              REPLY_IN_THREAD_CONFIG,
              Type.STRING,
              "thread",
              ConfigDef.ValidString.in("thread", "always"),
              Importance.MEDIUM,
              REPLY_IN_THREAD_DOC)
          .define(
              REPLY_IN_THREAD_CHANNELS_CONFIG,
              Type.LIST,
              "",
              ConfigDef.LambdaValidator.with(
                  SlackConnectorConfig::validateChannelModes,
                  () -> "a list of <channel id>=<thread|always>"),
              Importance.LOW,
              REPLY_IN_THREAD_CHANNELS_DOC)
          .define(
              FILE_UPLOAD_THRESHOLD_CHARS_CONFIG,
              Type.INT,
              12_000,
              ConfigDef.Range.atLeast(1),
              Importance.LOW,
              FILE_UPLOAD_THRESHOLD_CHARS_DOC)
          .define(
              PACING_PER_CHANNEL_MS_CONFIG,
              Type.LONG,
              1000L,
              ConfigDef.Range.atLeast(0),
              Importance.LOW,
              PACING_PER_CHANNEL_MS_DOC)
          .define(
              COLOR_SUCCESS_CONFIG,
              Type.STRING,
              "#dfdfdf",
              matching(COLOR, "good, warning, danger or #rrggbb"),
              Importance.LOW,
              COLOR_SUCCESS_DOC)
          .define(
              COLOR_FAILURE_CONFIG,
              Type.STRING,
              "danger",
              matching(COLOR, "good, warning, danger or #rrggbb"),
              Importance.LOW,
              COLOR_FAILURE_DOC);

  /**
   * Reads and checks one instance's keys.
   *
   * @throws ConfigException naming the key, when a value is invalid or a key the mode needs is
   *     missing
   */
  public SlackConnectorConfig(Map<String, String> config) {
    super(CONFIG_DEF, config);
    if (mode() == SlackSettings.Mode.SOCKET && getPassword(APP_TOKEN_CONFIG) == null) {
      throw new ConfigException(APP_TOKEN_CONFIG, null, "required when mode=socket");
    }
    if (mode() == SlackSettings.Mode.EVENTS && getPassword(SIGNING_SECRET_CONFIG) == null) {
      throw new ConfigException(SIGNING_SECRET_CONFIG, null, "required when mode=events");
    }
  }

  /** The settings as a plain record for the code past the edge. */
  SlackSettings settings() {
    Map<String, SlackThreading.Mode> overrides = new LinkedHashMap<>();
    for (String entry : getList(REPLY_IN_THREAD_CHANNELS_CONFIG)) {
      String[] parts = entry.trim().split("=", 2);
      overrides.put(parts[0], threadingMode(parts[1]));
    }
    return new SlackSettings(
        mode(),
        getInt(SOCKET_CONNECTIONS_CONFIG),
        getString(EVENTS_HTTP_HOST_CONFIG),
        getInt(EVENTS_HTTP_PORT_CONFIG),
        getString(EVENTS_PATH_CONFIG),
        getString(API_URL_CONFIG),
        Duration.ofMillis(getInt(API_TIMEOUT_MS_CONFIG)),
        new SlackThreading(threadingMode(getString(REPLY_IN_THREAD_CONFIG)), overrides),
        new SlackRendering(
            getInt(FILE_UPLOAD_THRESHOLD_CHARS_CONFIG),
            color(getString(COLOR_SUCCESS_CONFIG)),
            color(getString(COLOR_FAILURE_CONFIG))),
        Duration.ofMillis(getLong(PACING_PER_CHANNEL_MS_CONFIG)));
  }

  /** The instance's secrets. */
  SlackCredentials credentials() {
    return new SlackCredentials(
        secret(BOT_TOKEN_CONFIG), secret(APP_TOKEN_CONFIG), secret(SIGNING_SECRET_CONFIG));
  }

  private SlackSettings.Mode mode() {
    return SlackSettings.Mode.valueOf(getString(MODE_CONFIG).toUpperCase(Locale.ROOT));
  }

  private String secret(String key) {
    Password password = getPassword(key);
    return password == null ? null : password.value();
  }

  private static SlackThreading.Mode threadingMode(String value) {
    return SlackThreading.Mode.valueOf(value.toUpperCase(Locale.ROOT));
  }

  // hubot-stackstorm passed ST2_SLACK_SUCCESS_COLOR ("dfdfdf") without '#'; Slack wants it with.
  private static String color(String value) {
    return value.matches("[0-9A-Fa-f]{6}") ? "#" + value : value;
  }

  private static ConfigDef.Validator token(String prefix, boolean optional) {
    String what =
        (prefix.isEmpty() ? "a non-empty secret" : "a token starting with " + prefix)
            + (optional ? ", or unset" : "");
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value == null && optional) {
            return;
          }
          String secret = value == null ? "" : ((Password) value).value();
          if (secret.isBlank() || !secret.startsWith(prefix)) {
            // Never echo the value: it is a secret, and a wrong one may still be someone's token.
            throw new ConfigException(name + " must be " + what);
          }
        },
        () -> what);
  }

  private static void validateApiUrl(String name, Object value) {
    String url = value == null ? "" : value.toString();
    try {
      URI uri = URI.create(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && url.endsWith("/")) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigException(name, value, "must be an http(s) URL ending in '/'");
  }

  @SuppressWarnings("unchecked")
  private static void validateChannelModes(String name, Object value) {
    for (String entry : (List<String>) value) {
      if (!CHANNEL_MODE.matcher(entry.trim()).matches()) {
        throw new ConfigException(
            name, entry, "each entry must be <channel id>=<thread|always>, e.g. C0123ABCD=always");
      }
    }
  }

  private static ConfigDef.Validator matching(Pattern pattern, String what) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value == null || !pattern.matcher(value.toString()).matches()) {
            throw new ConfigException(name, value, "must be " + what);
          }
        },
        () -> what);
  }
}
