package switchboard.matcher.policy;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import switchboard.records.Policy;

/**
 * An immutable snapshot of {@code chatops.policies}, compiled: every rule of every document, the
 * documents in name order and the rules in document order. Order only matters between allow rules
 * (the first matching one decides confirm and rate limit); a deny always wins.
 */
public final class PolicyRules {

  private static final PolicyRules EMPTY = new PolicyRules(List.of());

  private final List<CompiledRule> rules;
  private final Map<String, CompiledRule> byId;

  private PolicyRules(List<CompiledRule> rules) {
    this.rules = List.copyOf(rules);
    Map<String, CompiledRule> index = new LinkedHashMap<>();
    rules.forEach(r -> index.putIfAbsent(r.id(), r));
    this.byId = Map.copyOf(index);
  }

  /** No rules: under enforcement nobody may run anything. */
  public static PolicyRules empty() {
    return EMPTY;
  }

  /** Compiles {@code policies}, whatever order they arrive in. */
  public static PolicyRules compile(Collection<Policy> policies) {
    return new PolicyRules(
        policies.stream()
            .sorted(Comparator.comparing(Policy::getName))
            .flatMap(p -> p.getRules().stream().map(r -> CompiledRule.of(p.getName(), r)))
            .toList());
  }

  /** Every rule, in evaluation order. */
  public List<CompiledRule> rules() {
    return rules;
  }

  /** The rule with id {@code <document>/<rule id>}. */
  public Optional<CompiledRule> rule(String id) {
    return Optional.ofNullable(id).map(byId::get);
  }
}
