package switchboard.dispatcher.stackstorm;

/**
 * StackStorm refused the request with a 4xx other than 401, 408 and 429: a bad alias format, a
 * command that does not parse, an immutable parameter, a disabled alias, an RBAC denial. The {@link
 * #faultstring()} is st2's text, meant to be shown to the user as it is (contract §4.5).
 */
public final class StackStormRejected extends StackStormException {

  private final String faultstring;

  public StackStormRejected(int status, String faultstring) {
    super(status, "StackStorm refused the request (" + status + "): " + faultstring, null);
    this.faultstring = faultstring;
  }

  /** st2's {@code faultstring}, verbatim; never null. */
  public String faultstring() {
    return faultstring;
  }
}
