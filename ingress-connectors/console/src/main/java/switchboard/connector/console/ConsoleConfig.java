package switchboard.connector.console;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of one console instance, the keys under {@code connectors.<instance>.} with the
 * prefix stripped (style.md §4). Every key has a default, so {@code
 * connectors.local.provider=console} alone gives a chat on http://127.0.0.1:8090.
 */
public final class ConsoleConfig extends AbstractConfig {

  public static final String HTTP_HOST_CONFIG = "http.host";
  public static final String HTTP_HOST_DOC =
      "Address the console's web page and API listen on. The console has no accounts and no"
          + " authentication: keep it on a loopback address unless everyone who can reach it may"
          + " act as any user.";

  public static final String HTTP_PORT_CONFIG = "http.port";
  public static final String HTTP_PORT_DOC =
      "TCP port of the web page and API; 0 picks a free port (the connector reports the address"
          + " it bound).";

  public static final String BANNER_CONFIG = "banner";
  public static final String BANNER_DOC =
      "Text shown in a banner at the top of the page, e.g. 'StackStorm sandbox - not a real"
          + " StackStorm'; empty shows no banner.";

  public static final String BOT_NAME_CONFIG = "bot.name";
  public static final String BOT_NAME_DOC =
      "The bot's user name in the console. '@' plus this name in a message is a bot mention;"
          + " messages posted under this name are the bot's own and are not forwarded.";

  public static final String DEFAULT_CHANNEL_CONFIG = "default.channel";
  public static final String DEFAULT_CHANNEL_DOC =
      "Channel the page opens with. Channel names start with '#'; names starting with '@' are"
          + " direct conversations with the bot.";

  public static final String HISTORY_LIMIT_CONFIG = "history.limit";
  public static final String HISTORY_LIMIT_DOC =
      "Messages kept per channel, in memory; older ones are dropped from the page and the API.";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              HTTP_HOST_CONFIG,
              Type.STRING,
              "127.0.0.1",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              HTTP_HOST_DOC)
          .define(
              HTTP_PORT_CONFIG,
              Type.INT,
              8090,
              ConfigDef.Range.between(0, 65535),
              Importance.HIGH,
              HTTP_PORT_DOC)
          .define(BANNER_CONFIG, Type.STRING, "", Importance.LOW, BANNER_DOC)
          .define(
              BOT_NAME_CONFIG,
              Type.STRING,
              "switchboard",
              matching(ConsoleNames.USER, "a user name: letters, digits, '.', '_' or '-'"),
              Importance.MEDIUM,
              BOT_NAME_DOC)
          .define(
              DEFAULT_CHANNEL_CONFIG,
              Type.STRING,
              "#ops",
              matching(ConsoleNames.CHANNEL, "a channel name such as #ops or @me"),
              Importance.LOW,
              DEFAULT_CHANNEL_DOC)
          .define(
              HISTORY_LIMIT_CONFIG,
              Type.INT,
              1000,
              ConfigDef.Range.between(1, 100_000),
              Importance.LOW,
              HISTORY_LIMIT_DOC);

  public ConsoleConfig(Map<String, String> config) {
    super(CONFIG_DEF, config);
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

  /** The settings as a plain record for the code past the edge. */
  public ConsoleSettings settings() {
    return new ConsoleSettings(
        getString(HTTP_HOST_CONFIG),
        getInt(HTTP_PORT_CONFIG),
        getString(BANNER_CONFIG),
        getString(BOT_NAME_CONFIG),
        getString(DEFAULT_CHANNEL_CONFIG),
        getInt(HISTORY_LIMIT_CONFIG));
  }
}
