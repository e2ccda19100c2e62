package switchboard.dispatcher.stackstorm;

import java.util.Objects;

/**
 * What the dispatcher shows StackStorm to prove who it is (contract §2). Values never appear in
 * {@code toString}, logs, exceptions or metrics.
 */
public sealed interface StackStormCredentials
    permits StackStormCredentials.ApiKey,
        StackStormCredentials.Token,
        StackStormCredentials.UserPassword {

  /** A long-lived API key, sent as {@code St2-Api-Key}. */
  record ApiKey(String key) implements StackStormCredentials {
    public ApiKey {
      requireText(key, "key");
    }

    @Override
    public String toString() {
      return "ApiKey[****]";
    }
  }

  /** A token issued elsewhere ({@code st2 auth}), sent as {@code X-Auth-Token}; never renewed. */
  record Token(String token) implements StackStormCredentials {
    public Token {
      requireText(token, "token");
    }

    @Override
    public String toString() {
      return "Token[****]";
    }
  }

  /**
   * A user and password, exchanged at {@code POST <auth>/tokens} for a token that is renewed before
   * it expires and once more when StackStorm answers 401.
   */
  record UserPassword(String user, String password) implements StackStormCredentials {
    public UserPassword {
      requireText(user, "user");
      Objects.requireNonNull(password, "password");
    }

    /** The user name is not a secret; the password is. */
    @Override
    public String toString() {
      return "UserPassword[user=" + user + ", password=****]";
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("StackStorm " + name + " must not be empty");
    }
  }
}
