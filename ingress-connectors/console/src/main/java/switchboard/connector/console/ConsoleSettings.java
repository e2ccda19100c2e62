package switchboard.connector.console;

/**
 * One console instance's settings, read from {@link ConsoleConfig}.
 *
 * @param host address to listen on
 * @param port port to listen on, 0 for any free port
 * @param banner banner text for the page, "" for none
 * @param botName the bot's user name; {@code @botName} in a message is a bot mention
 * @param defaultChannel channel the page opens with
 * @param historyLimit messages kept per channel
 */
public record ConsoleSettings(
    String host, int port, String banner, String botName, String defaultChannel, int historyLimit) {

  /** The console's single workspace; sender ids are {@code local:<user name>}. */
  public static final String WORKSPACE = "local";

  /** The longest text one console message carries, as the page and the API accept it. */
  public static final int MAX_MESSAGE_CHARS = 40_000;
}
