package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * st2auth and the API's security check (contract §2): users with passwords, API keys, and the
 * tokens handed out by {@code POST /auth/v1/tokens}. Thread-safe.
 */
final class AuthService {

  static final String INVALID_CREDENTIALS = "Invalid or missing credentials";
  static final String MISSING = "Unauthorized - One of Token or API key required.";

  private record Token(String user, Instant expiry) {}

  private final Map<String, String> passwords;
  private final Map<String, String> apiKeyUsers;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile Duration tokenTtl;

  AuthService(
      Map<String, String> passwords,
      Map<String, String> apiKeyUsers,
      Duration tokenTtl,
      Clock clock) {
    this.passwords = new ConcurrentHashMap<>(passwords);
    this.apiKeyUsers = new ConcurrentHashMap<>(apiKeyUsers);
    this.tokenTtl = tokenTtl;
    this.clock = clock;
  }

  void tokenTtl(Duration ttl) {
    this.tokenTtl = ttl;
  }

  /** Makes every token handed out so far unknown, as if st2's token collection were wiped. */
  void revokeTokens() {
    tokens.clear();
  }

  /** Adds an st2 token directly, as {@code st2 auth} would have issued it. */
  void addToken(String token, String user, Instant expiry) {
    tokens.put(token, new Token(user, expiry));
  }

  /**
   * {@code POST /auth/v1/tokens}: HTTP Basic, optional {@code {"ttl"}}; 201 with {@code {user,
   * token, expiry, id, metadata}}. The configured TTL is both the default and the maximum, as st2's
   * {@code [auth] token_ttl} is.
   */
  ObjectNode issueToken(Headers headers, JsonNode body) {
    String user = basicUser(headers.getFirst("Authorization"));
    long maxTtl = Math.max(1, tokenTtl.toSeconds());
    long ttl = maxTtl;
    JsonNode requested = body.path("ttl");
    if (!requested.isMissingNode() && !requested.isNull()) {
      if (!requested.isIntegralNumber()) {
        throw ApiError.badRequest(requested + " is not of type 'integer', 'null'");
      }
      if (requested.longValue() < 1) {
        throw ApiError.badRequest(requested.longValue() + " is less than the minimum of 1");
      }
      if (requested.longValue() > maxTtl) {
        // st2common/services/access.py::create_token
        throw ApiError.badRequest(
            "TTL specified "
                + requested.longValue()
                + " is greater than max allowed "
                + maxTtl
                + ".");
      }
      ttl = requested.longValue();
    }
    // A TTL under a second only exists in tests that want tokens to expire quickly.
    Duration lifetime = tokenTtl.toSeconds() < 1 ? tokenTtl : Duration.ofSeconds(ttl);
    Instant expiry = clock.instant().plus(lifetime);
    String token = St2Values.tokenValue();
    tokens.put(token, new Token(user, expiry));
    ObjectNode answer = St2Values.object();
    answer.put("user", user);
    answer.put("token", token);
    answer.put("expiry", St2Values.timestamp(expiry));
    answer.put("id", St2Values.objectId());
    answer.set("metadata", St2Values.object());
    return answer;
  }

  /** {@code POST /auth/v1/tokens/validate}: {@code {"valid": bool}}. */
  boolean isValid(String token) {
    Token found = token == null ? null : tokens.get(token);
    return found != null && found.expiry().isAfter(clock.instant());
  }

  /**
   * The API's security check ({@code st2common/router.py}): the first credential present, in the
   * order header token, header API key, query token, query API key, wins.
   *
   * @return the authenticated st2 user
   * @throws ApiError 401 with st2's faultstring
   */
  String authenticate(Headers headers, Map<String, String> query) {
    String headerToken = headers.getFirst("X-Auth-Token");
    String headerKey = headers.getFirst("St2-Api-Key");
    if (present(headerToken)) {
      return userOfToken(headerToken);
    }
    if (present(headerKey)) {
      return userOfApiKey(headerKey);
    }
    if (present(query.get("x-auth-token"))) {
      return userOfToken(query.get("x-auth-token"));
    }
    if (present(query.get("st2-api-key"))) {
      return userOfApiKey(query.get("st2-api-key"));
    }
    throw new ApiError(401, MISSING);
  }

  private String userOfToken(String value) {
    Token token = tokens.get(value);
    if (token == null) {
      // TokenNotFoundError carries no message, so st2 answers a bare "Unauthorized"
      // (st2common/persistence/auth.py::Token.get, router.py::abort_unauthorized).
      throw new ApiError(401, "Unauthorized");
    }
    if (!token.expiry().isAfter(clock.instant())) {
      throw new ApiError(401, "Unauthorized - Token has expired.");
    }
    return token.user();
  }

  private String userOfApiKey(String key) {
    String user = apiKeyUsers.get(key);
    if (user == null) {
      throw new ApiError(401, "Unauthorized - ApiKey with key_hash=" + sha256(key) + " not found.");
    }
    return user;
  }

  private String basicUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new ApiError(401, INVALID_CREDENTIALS);
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(401, INVALID_CREDENTIALS);
    }
    // Split on the first colon only: passwords may contain ':' (contract §2).
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new ApiError(401, INVALID_CREDENTIALS);
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    if (!password.equals(passwords.get(user))) {
      throw new ApiError(401, INVALID_CREDENTIALS);
    }
    return user;
  }

  private static boolean present(String value) {
    return value != null && !value.isEmpty();
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
