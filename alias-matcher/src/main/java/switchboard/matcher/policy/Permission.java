package switchboard.matcher.policy;

/** The outcome of a permission decision; every decision names what decided it. */
public sealed interface Permission {

  /** Which rule or mode decided; shown in audit entries. */
  String decidedBy();

  /**
   * The command may run.
   *
   * @param stackstormUser the StackStorm user to run as, or null to let the dispatcher use the chat
   *     name
   */
  record Allowed(String decidedBy, String stackstormUser) implements Permission {}

  /**
   * The command may not run.
   *
   * @param reason shown to the user and in the audit entry
   */
  record Denied(String decidedBy, String reason) implements Permission {}
}
