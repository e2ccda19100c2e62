package switchboard.connector.console;

import java.util.regex.Pattern;

/** The shapes of the names the console accepts, shared by its config, API and page. */
final class ConsoleNames {

  private ConsoleNames() {}

  /** A user name; it becomes the sender id {@code local:<name>}. */
  static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** {@code #name} for a channel, {@code @name} for a direct conversation with the bot. */
  static final Pattern CHANNEL = Pattern.compile("[#@][A-Za-z0-9][A-Za-z0-9._-]{0,79}");

  /** A client's own message id, used to make a retried POST the same event. */
  static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  /** The immutable user id of a console user: the user name in the {@code local} workspace. */
  static String senderId(String userName) {
    return ConsoleSettings.WORKSPACE + ":" + userName;
  }

  /** The user name of a sender id, or the id itself when it is not a console id. */
  static String userName(String senderId) {
    String prefix = ConsoleSettings.WORKSPACE + ":";
    return senderId != null && senderId.startsWith(prefix)
        ? senderId.substring(prefix.length())
        : senderId;
  }
}
