package switchboard.connector.slack;

import java.time.Duration;
import java.util.Set;
import switchboard.connector.DeliveryResult;

/**
 * Sorts Slack's {@code ok:false} error codes into delivery outcomes (style.md §7): a code that can
 * pass with time is transient, a rate limit waits, everything else is permanent, since repeating
 * the same call gets the same answer. Codes from https://api.slack.com/methods/chat.postMessage and
 * https://api.slack.com/web#errors. Pure.
 */
final class SlackApiErrors {

  /** Slack's own trouble: the same call may pass later. */
  private static final Set<String> TRANSIENT =
      Set.of(
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout",
          "team_added_to_org",
          "message_limit_exceeded");

  /** Rate limits reported in the body rather than as HTTP 429. */
  private static final Set<String> RATE_LIMITED = Set.of("ratelimited", "rate_limited");

  /** Our own credentials are refused: broken for every reply, not just this one. */
  private static final Set<String> CREDENTIALS =
      Set.of(
          "not_authed",
          "invalid_auth",
          "account_inactive",
          "token_revoked",
          "token_expired",
          "missing_scope",
          "not_allowed_token_type",
          "no_permission",
          "ekm_access_denied",
          "team_access_not_granted");

  /** When Slack asks to wait but says not how long. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private SlackApiErrors() {}

  /**
   * The outcome of an {@code ok:false} answer.
   *
   * @param method the Web API method called
   * @param error Slack's error code
   * @param retryAfter the Retry-After the answer carried, or null
   */
  static DeliveryResult outcome(String method, String error, Duration retryAfter) {
    String reason = method + " answered " + error;
    if (RATE_LIMITED.contains(error)) {
      return new DeliveryResult.RetryAfter(
          retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter, reason);
    }
    if (TRANSIENT.contains(error)) {
      return new DeliveryResult.TransientFailure(reason);
    }
    if (CREDENTIALS.contains(error)) {
      return new DeliveryResult.PermanentFailure(
          reason + ": Slack refused the bot token; check bot.token and the app's scopes");
    }
    return new DeliveryResult.PermanentFailure(reason);
  }

  /** True when the error means our credentials are refused. */
  static boolean isCredentialError(String error) {
    return CREDENTIALS.contains(error);
  }

  /**
   * The outcome of an HTTP failure: 429 waits {@code Retry-After}, 5xx is transient, any other
   * status is permanent.
   */
  static DeliveryResult httpOutcome(String method, int status, Duration retryAfter) {
    String reason = method + " answered HTTP " + status;
    if (status == 429) {
      return new DeliveryResult.RetryAfter(
          retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter, reason);
    }
    return status >= 500
        ? new DeliveryResult.TransientFailure(reason)
        : new DeliveryResult.PermanentFailure(reason);
  }

  /** The {@code Retry-After} header in seconds, or null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || !header.trim().matches("\\d{1,9}")) {
      return null;
    }
    return Duration.ofSeconds(Long.parseLong(header.trim()));
  }
}
