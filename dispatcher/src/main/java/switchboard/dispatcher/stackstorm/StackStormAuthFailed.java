package switchboard.dispatcher.stackstorm;

/**
 * StackStorm refused the dispatcher's own credentials (401), even after one fresh token where a
 * password allows it. Every call will fail the same way: stop and report it.
 */
public final class StackStormAuthFailed extends StackStormException {

  private final String faultstring;

  public StackStormAuthFailed(int status, String faultstring) {
    super(
        status,
        "StackStorm refused the dispatcher's credentials (" + status + "): " + faultstring,
        null);
    this.faultstring = faultstring;
  }

  /** st2's {@code faultstring}, such as {@code Unauthorized - Token has expired.}; never null. */
  public String faultstring() {
    return faultstring;
  }
}
