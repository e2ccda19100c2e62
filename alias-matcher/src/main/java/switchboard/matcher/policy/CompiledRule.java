package switchboard.matcher.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import switchboard.matcher.identity.LinkedUser;
import switchboard.records.Conversation;
import switchboard.records.PolicyEffect;
import switchboard.records.PolicyRule;

/**
 * One rule of a policy document, compiled once per snapshot: globs and regular expressions are
 * built when the policy changes, not per message.
 *
 * @param id {@code <document>/<rule id>}, named in every decision the rule makes; never null
 * @param effect allow or deny; never null
 * @param confirm whether the user must confirm before the command runs
 * @param quota the per-user rate limit, or null for none
 */
public record CompiledRule(
    String id,
    PolicyEffect effect,
    Set<String> subjects,
    Set<String> providers,
    List<Glob> workspaces,
    List<Glob> channels,
    Boolean direct,
    List<Glob> aliases,
    List<Glob> actions,
    List<ParameterCheck> parameters,
    boolean confirm,
    Quota quota) {

  /** The subject that names every linked user. */
  public static final String EVERYONE = "*";

  /** The prefix of a group subject, e.g. {@code group:ops}. */
  public static final String GROUP_PREFIX = "group:";

  /** Compiles rule {@code rule} of document {@code document}. */
  public static CompiledRule of(String document, PolicyRule rule) {
    return new CompiledRule(
        document + "/" + rule.getId(),
        rule.getEffect(),
        Set.copyOf(rule.getSubjects()),
        Set.copyOf(rule.getProviders()),
        Glob.all(rule.getWorkspaces()),
        Glob.all(rule.getChannels()),
        rule.getDirect(),
        Glob.all(rule.getAliases()),
        Glob.all(rule.getActions()),
        rule.getParameters().stream().map(ParameterCheck::of).toList(),
        rule.getConfirm(),
        rule.getRateLimit() == null
            ? null
            : new Quota(
                rule.getRateLimit().getCount(),
                Duration.ofSeconds(rule.getRateLimit().getPeriodSeconds())));
  }

  /** Whether the rule names {@code user}: by name, by one of their groups, or everyone. */
  boolean names(LinkedUser user) {
    if (subjects.contains(EVERYONE) || subjects.contains(user.stackstormUser())) {
      return true;
    }
    return user.groups().stream().anyMatch(g -> subjects.contains(GROUP_PREFIX + g));
  }

  /** Whether the rule covers the conversation: provider, workspace, channel, direct or not. */
  boolean covers(Conversation where) {
    return (providers.isEmpty() || providers.contains(where.getProvider()))
        && Glob.anyOrNone(workspaces, where.getWorkspace())
        && Glob.anyOrNone(channels, where.getChannel())
        && (direct == null || direct == where.getDirect());
  }

  /**
   * Whether the rule covers the alias and its action. An {@code actions} entry without a dot names
   * a pack and matches every action of it; with a dot it matches the action ref.
   */
  boolean targets(String aliasRef, String actionRef) {
    if (!Glob.anyOrNone(aliases, aliasRef)) {
      return false;
    }
    if (actions.isEmpty()) {
      return true;
    }
    String pack = actionRef == null ? null : actionRef.split("\\.", 2)[0];
    return actions.stream()
        .anyMatch(g -> g.toString().contains(".") ? g.matches(actionRef) : g.matches(pack));
  }
}
