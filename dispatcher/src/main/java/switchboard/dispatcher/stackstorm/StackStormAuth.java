package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the credentials on each request (contract §2): {@code St2-Api-Key} for a key, {@code
 * X-Auth-Token} for a token; a user and password become a token from {@code POST <auth>/tokens},
 * renewed once 90% of its lifetime has passed and again after a 401. Thread-safe.
 */
final class StackStormAuth {

  private static final Logger LOG = LoggerFactory.getLogger(StackStormAuth.class);

  /** A token from st2auth and when to renew it. */
  private record IssuedToken(String value, Instant renewAt) {}

  private final StackStormCredentials credentials;
  private final URI tokensUrl;
  private final St2Http http;
  private final Clock clock;
  private IssuedToken issued;

  StackStormAuth(StackStormCredentials credentials, URI authUrl, St2Http http, Clock clock) {
    this.credentials = credentials;
    this.tokensUrl = URI.create(authUrl + "/tokens");
    this.http = http;
    this.clock = clock;
  }

  /**
   * Adds the credential header to {@code request}.
   *
   * @return the credential used, to hand back to {@link #renewAfterRejection}
   * @throws StackStormException when a token had to be fetched and that failed
   */
  String authorize(HttpRequest.Builder request) {
    if (credentials instanceof StackStormCredentials.ApiKey key) {
      request.header("St2-Api-Key", key.key());
      return key.key();
    }
    String token =
        credentials instanceof StackStormCredentials.Token given ? given.token() : currentToken();
    request.header("X-Auth-Token", token);
    return token;
  }

  /**
   * After StackStorm answered 401 to a request made with {@code used}: whether one retry with a
   * fresh token can help. Only a token we got from a password can be replaced.
   */
  synchronized boolean renewAfterRejection(String used) {
    if (!(credentials instanceof StackStormCredentials.UserPassword)) {
      return false;
    }
    if (issued != null && issued.value().equals(used)) {
      issued = null;
    }
    return true;
  }

  private synchronized String currentToken() {
    if (issued == null || !clock.instant().isBefore(issued.renewAt())) {
      issued = requestToken((StackStormCredentials.UserPassword) credentials);
    }
    return issued.value();
  }

  /** {@code POST <auth>/tokens} with HTTP Basic; st2 answers 201 {user, token, expiry, ...}. */
  private IssuedToken requestToken(StackStormCredentials.UserPassword user) {
    String basic =
        Base64.getEncoder()
            .encodeToString((user.user() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        http.request(tokensUrl)
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    HttpResponse<String> response = http.send(request.build());
    JsonNode token = http.checked(response);
    String value = token.path("token").asText("");
    if (value.isEmpty()) {
      throw new StackStormUnavailable(
          response.statusCode(), "StackStorm's token answer carries no token", null, null);
    }
    Instant now = clock.instant();
    Instant expiry;
    try {
      expiry = Instant.parse(token.path("expiry").asText());
    } catch (DateTimeParseException e) {
      expiry = now;
    }
    // Renew once 90% of the lifetime has passed, so a call never carries an expiring token; a
    // clock skewed past the expiry renews on every call rather than failing.
    Duration lifetime = Duration.between(now, expiry);
    Instant renewAt =
        lifetime.isNegative() ? now : now.plus(lifetime.multipliedBy(9).dividedBy(10));
    LOG.info("Got a StackStorm token for user {}, valid until {}", user.user(), expiry);
    return new IssuedToken(value, renewAt);
  }
}
