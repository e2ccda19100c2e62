package switchboard.matcher.policy;

import java.util.Optional;
import switchboard.records.PolicyEffect;

/**
 * Evaluates policy rules: deny overrides allow, no matching allow means deny, and every decision
 * names the rule that made it (DESIGN.md). Pure and thread-safe.
 */
public final class PolicyEngine {

  /** Names the decision when no rule allows. */
  public static final String DEFAULT_DENY = "default-deny";

  private PolicyEngine() {}

  /**
   * The decision on {@code request}.
   *
   * <p>A rule applies when it names the user (by name, group or {@code *}), covers the conversation
   * and targets the alias and action, and its parameter constraints hold; for a deny rule, a
   * constraint that cannot be checked counts as holding. The first applying deny rule decides;
   * otherwise the first applying allow rule decides, with its confirm and rate limit; otherwise
   * {@link #DEFAULT_DENY}.
   *
   * @return never null
   */
  public static Permission decide(PolicyRules rules, AccessRequest request) {
    Optional<CompiledRule> deny =
        rules.rules().stream()
            .filter(r -> r.effect() == PolicyEffect.DENY && appliesTo(r, request))
            .filter(r -> r.parameters().stream().noneMatch(c -> failsOn(c, request)))
            .findFirst();
    if (deny.isPresent()) {
      return new Permission.Denied(
          deny.get().id(),
          "Policy rule `"
              + deny.get().id()
              + "` denies `"
              + request.aliasRef()
              + "` to "
              + request.user().stackstormUser()
              + " here.");
    }
    Optional<CompiledRule> allow =
        rules.rules().stream()
            .filter(r -> r.effect() == PolicyEffect.ALLOW && appliesTo(r, request))
            .filter(r -> r.parameters().stream().allMatch(c -> holdsOn(c, request)))
            .findFirst();
    if (allow.isPresent()) {
      CompiledRule rule = allow.get();
      return new Permission.Allowed(
          rule.id(), request.user().stackstormUser(), rule.confirm(), rule.quota());
    }
    return new Permission.Denied(
        DEFAULT_DENY,
        "No policy rule allows "
            + request.user().stackstormUser()
            + " to run `"
            + request.aliasRef()
            + "`"
            + (request.parameters().isEmpty() ? "" : " with these parameters")
            + " here.");
  }

  /**
   * Whether the user may run the alias here with some parameters: the question help answers. The
   * parameters of {@code request} are ignored; an allow rule with parameter constraints counts
   * (some values satisfy it), a deny rule with parameter constraints does not (some values avoid
   * it).
   */
  public static boolean mayRunWithSomeParameters(PolicyRules rules, AccessRequest request) {
    boolean denied =
        rules.rules().stream()
            .anyMatch(
                r ->
                    r.effect() == PolicyEffect.DENY
                        && r.parameters().isEmpty()
                        && appliesTo(r, request));
    return !denied
        && rules.rules().stream()
            .anyMatch(r -> r.effect() == PolicyEffect.ALLOW && appliesTo(r, request));
  }

  /** Subject, place and target; parameters are checked by the caller, by effect. */
  private static boolean appliesTo(CompiledRule rule, AccessRequest request) {
    return rule.names(request.user())
        && rule.covers(request.where())
        && rule.targets(request.aliasRef(), request.actionRef());
  }

  private static boolean holdsOn(ParameterCheck check, AccessRequest request) {
    return check.check(request.parameters()) == ParameterCheck.Verdict.HOLDS;
  }

  private static boolean failsOn(ParameterCheck check, AccessRequest request) {
    return check.check(request.parameters()) == ParameterCheck.Verdict.FAILS;
  }
}
