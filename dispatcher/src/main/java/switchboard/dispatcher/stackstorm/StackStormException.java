package switchboard.dispatcher.stackstorm;

/**
 * A StackStorm call that did not succeed, sorted by what the caller should do (style guide §7):
 *
 * <ul>
 *   <li>{@link StackStormRejected}: StackStorm refused this request (4xx); the user's problem,
 *       reported with st2's {@code faultstring} verbatim; retrying does not help.
 *   <li>{@link StackStormUnavailable}: StackStorm could not be reached or answered 5xx, 408 or 429;
 *       transient, worth retrying with backoff (honouring {@code Retry-After}).
 *   <li>{@link StackStormAuthFailed}: StackStorm refused our own credentials (401); broken for
 *       everyone, so fail fast.
 * </ul>
 *
 * Messages never carry credentials.
 */
public abstract sealed class StackStormException extends RuntimeException
    permits StackStormRejected, StackStormUnavailable, StackStormAuthFailed {

  private final int status;

  StackStormException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status StackStorm answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
