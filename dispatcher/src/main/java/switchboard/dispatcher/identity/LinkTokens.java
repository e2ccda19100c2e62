package switchboard.dispatcher.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One-time link tokens: 32 random bytes from {@link SecureRandom}, base64url, valid for the TTL,
 * good for one successful sign-in and a few wrong ones. Held in memory by the instance that sent
 * them, so the page must be served by that instance. Thread-safe.
 */
final class LinkTokens {

  /** 32 bytes in base64url without padding. */
  static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  /**
   * Who a token links, and until when.
   *
   * @param provider the chat provider id
   * @param workspace the workspace, "" when none
   * @param chatUserId the provider's immutable user id
   * @param expiresAt when the token stops working
   * @param attemptsLeft wrong sign-ins it still survives
   */
  record Pending(
      String provider, String workspace, String chatUserId, Instant expiresAt, int attemptsLeft) {}

  /** What a token is worth now. */
  sealed interface Lookup {
    /** Valid: the page may ask for credentials. */
    record Valid(Pending pending) implements Lookup {}

    /** Issued but expired, used, or void after too many wrong sign-ins; or never issued. */
    record Gone() implements Lookup {}
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final LinkSettings settings;
  private final Clock clock;

  LinkTokens(LinkSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** A new token for the chat user; expired ones are forgotten on the way. */
  String issue(String provider, String workspace, String chatUserId) {
    Instant now = clock.instant();
    pending.values().removeIf(p -> !p.expiresAt().isAfter(now));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    pending.put(
        token,
        new Pending(
            provider, workspace, chatUserId, now.plus(settings.ttl()), settings.maxAttempts()));
    return token;
  }

  /** Whether {@code token} may be used now; does not use it. */
  Lookup lookup(String token) {
    Pending found = token == null ? null : pending.get(token);
    if (found == null) {
      return new Lookup.Gone();
    }
    if (!found.expiresAt().isAfter(clock.instant())) {
      pending.remove(token);
      return new Lookup.Gone();
    }
    return new Lookup.Valid(found);
  }

  /**
   * Uses {@code token} up: afterwards it is gone. Atomic, so two simultaneous sign-ins with one
   * token cannot both link.
   *
   * @return who it linked; empty when it was already gone or had expired
   */
  Optional<Pending> consume(String token) {
    Pending removed = token == null ? null : pending.remove(token);
    if (removed == null || !removed.expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(removed);
  }

  /**
   * Takes one sign-in attempt before the credentials are checked, atomically, so simultaneous
   * guesses with one token cannot check more passwords than it allows.
   *
   * @return what the token is worth for this attempt; gone once its attempts are spent
   */
  Lookup attempt(String token) {
    Instant now = clock.instant();
    Pending[] taken = new Pending[1];
    if (token != null) {
      pending.computeIfPresent(
          token,
          (t, p) -> {
            if (!p.expiresAt().isAfter(now)) {
              return null;
            }
            if (p.attemptsLeft() < 1) {
              return p; // spent, but a guess still in flight may be right
            }
            taken[0] = withAttemptsLeft(p, p.attemptsLeft() - 1);
            return taken[0];
          });
    }
    return taken[0] == null ? new Lookup.Gone() : new Lookup.Valid(taken[0]);
  }

  /** The attempt was wrong: a token whose attempts are spent is void from now on. */
  void wrong(String token) {
    pending.computeIfPresent(token, (t, p) -> p.attemptsLeft() < 1 ? null : p);
  }

  /** StackStorm could not say whether the attempt was right: it does not count. */
  void refund(String token) {
    pending.computeIfPresent(token, (t, p) -> withAttemptsLeft(p, p.attemptsLeft() + 1));
  }

  /** The link could not be recorded after the token was used: the user may use it again. */
  void restore(String token, Pending used) {
    pending.putIfAbsent(token, used);
  }

  private static Pending withAttemptsLeft(Pending p, int attemptsLeft) {
    return new Pending(p.provider(), p.workspace(), p.chatUserId(), p.expiresAt(), attemptsLeft);
  }
}
