package switchboard.dispatcher.identity;

import switchboard.dispatcher.stackstorm.StackStormAuthFailed;
import switchboard.dispatcher.stackstorm.StackStormClient;
import switchboard.dispatcher.stackstorm.StackStormCredentials;
import switchboard.dispatcher.stackstorm.StackStormRejected;
import switchboard.dispatcher.stackstorm.StackStormSettings;
import switchboard.dispatcher.stackstorm.StackStormUnavailable;

/**
 * Checks credentials the way StackStorm does: a client with the user's name and password exchanges
 * them at {@code POST <auth>/tokens} (HTTP Basic; 201 with a token, 401 otherwise, contract §2) and
 * makes one cheap call with the token. The dispatcher's own TLS settings apply; its credentials are
 * not used.
 */
final class StackStormCredentialCheck implements CredentialCheck {

  private final StackStormSettings stackStorm;

  /**
   * @param stackStorm where StackStorm is and how to reach it; its credentials are ignored
   */
  StackStormCredentialCheck(StackStormSettings stackStorm) {
    this.stackStorm = stackStorm;
  }

  @Override
  public Verdict check(String user, String password) {
    if (user == null || user.isBlank() || password == null || password.isEmpty()) {
      return new Verdict.Refused();
    }
    try (StackStormClient client =
        new StackStormClient(
            stackStorm.withCredentials(new StackStormCredentials.UserPassword(user, password)))) {
      // The first call fetches the token; which call does not matter.
      client.help(null, null, 0, 1);
      return new Verdict.Accepted(user);
    } catch (StackStormAuthFailed refused) {
      return new Verdict.Refused();
    } catch (StackStormRejected forbidden) {
      // A token was issued, so the credentials are right; RBAC only keeps this user from help.
      return new Verdict.Accepted(user);
    } catch (StackStormUnavailable down) {
      return new Verdict.Unavailable(down.getMessage());
    }
  }
}
