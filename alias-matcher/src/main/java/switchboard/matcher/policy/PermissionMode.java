package switchboard.matcher.policy;

import java.util.Locale;
import switchboard.matcher.identity.IdentityDirectory;

/** How the matcher decides permissions ({@code matcher.permissions.mode}). */
public enum PermissionMode {
  /** Identities and policies are enforced: the default. */
  ENFORCE("commands run as the sender's linked StackStorm user, when a policy allows them") {
    @Override
    public PermissionDecider decider(IdentityDirectory identities, PolicyRules rules) {
      return new PolicyPermissions(identities, rules);
    }
  },
  /** Everyone may run everything as one account: an explicit opt-in, for a sandbox only. */
  OPEN(
      "every chat user may run every alias, as one StackStorm account. Use it only for a"
          + " sandbox") {
    @Override
    public PermissionDecider decider(IdentityDirectory identities, PolicyRules rules) {
      return new OpenPermissions(identities);
    }
  };

  private final String description;

  PermissionMode(String description) {
    this.description = description;
  }

  /** Logged at start-up so operators see which mode runs. */
  public String describe() {
    return name() + " mode: " + description + ".";
  }

  /** The decider over the current snapshots; cheap, so it is built per message. */
  public abstract PermissionDecider decider(IdentityDirectory identities, PolicyRules rules);

  /** The configuration value, {@code enforce} or {@code open}. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code value} in configuration. */
  public static PermissionMode ofConfig(String value) {
    return valueOf(value.strip().toUpperCase(Locale.ROOT));
  }
}
