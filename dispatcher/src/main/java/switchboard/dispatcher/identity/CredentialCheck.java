package switchboard.dispatcher.identity;

/**
 * Whether a user name and password are a StackStorm user's; the password is used once, never kept.
 */
@FunctionalInterface
interface CredentialCheck {

  /** The answer. */
  sealed interface Verdict {
    /** StackStorm issued a token for this user. */
    record Accepted(String stackstormUser) implements Verdict {}

    /** StackStorm refused the credentials. */
    record Refused() implements Verdict {}

    /** StackStorm could not answer; the user may try again. */
    record Unavailable(String reason) implements Verdict {}
  }

  Verdict check(String user, String password);
}
