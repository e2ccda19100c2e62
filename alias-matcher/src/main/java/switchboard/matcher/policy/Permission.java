package switchboard.matcher.policy;

/** The outcome of a permission decision; every decision names what decided it. */
public sealed interface Permission {

  /** Which rule or mode decided; shown in audit entries. */
  String decidedBy();

  /**
   * The command may run.
   *
   * @param stackstormUser the StackStorm user to run as, or null (open mode) to let the dispatcher
   *     use the chat name
   * @param confirm whether the user must confirm before it runs
   * @param quota the per-user rate limit it counts against, or null for none
   */
  record Allowed(String decidedBy, String stackstormUser, boolean confirm, Quota quota)
      implements Permission {

    /** Allowed outright: no confirmation, no rate limit. */
    public Allowed(String decidedBy, String stackstormUser) {
      this(decidedBy, stackstormUser, false, null);
    }
  }

  /**
   * The command may not run.
   *
   * @param reason shown to the user and in the audit entry
   */
  record Denied(String decidedBy, String reason) implements Permission {}
}
