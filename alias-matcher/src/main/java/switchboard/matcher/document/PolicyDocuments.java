package switchboard.matcher.document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import switchboard.matcher.policy.CompiledRule;
import switchboard.matcher.policy.Durations;
import switchboard.records.ParameterConstraint;
import switchboard.records.Policy;
import switchboard.records.PolicyEffect;
import switchboard.records.PolicyRule;
import switchboard.records.RateLimit;

/**
 * Reads policy documents (YAML) into {@link Policy} records. Strict on purpose: an unknown key is
 * an error, because a misspelt {@code chanels:} that were ignored would silently widen an allow
 * rule to every channel. Every problem is reported at once, each with its line.
 *
 * <pre>
 * name: ops                       # document name; applying it again replaces it
 * rules:
 *   - id: ops-restart             # unique in the document; decisions name "ops/ops-restart"
 *     effect: allow               # allow | deny
 *     subjects: [alice, group:ops] # StackStorm users, group:NAME, or "*" (every linked user)
 *     where:                      # all optional; a missing list means any
 *       providers: [slack]
 *       workspaces: [T1]          # globs
 *       channels: [C1, "C2*"]     # globs
 *       direct: false             # true: direct conversations only; false: never there
 *     what:                       # all optional; a missing list means any
 *       aliases: ["ops.*"]        # alias ref globs
 *       actions: [core.remote]    # action ref globs
 *       packs: [core]             # packs of the action
 *     parameters:                 # optional; a rule applies only when every constraint holds
 *       env: {enum: [staging, prod]}
 *       host: {regex: "web[0-9]+"}
 *       count: {min: 1, max: 10}
 *     confirm: true               # allow rules only: ask before running
 *     rateLimit: {count: 5, per: 1m}  # allow rules only: per StackStorm user
 * </pre>
 *
 * Several documents may share a file, separated by {@code ---}.
 */
public final class PolicyDocuments {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(#.*)?$");

  private static final Set<String> DOCUMENT_KEYS = Set.of("name", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of("id", "effect", "subjects", "where", "what", "parameters", "confirm", "rateLimit");
  private static final Set<String> WHERE_KEYS =
      Set.of("providers", "workspaces", "channels", "direct");
  private static final Set<String> WHAT_KEYS = Set.of("aliases", "actions", "packs");
  private static final Set<String> CONSTRAINT_KEYS = Set.of("enum", "regex", "min", "max");
  private static final Set<String> RATE_KEYS = Set.of("count", "per");

  private PolicyDocuments() {}

  /**
   * Every policy document in {@code source}, with version 1; the caller sets the version from what
   * is on the topic.
   *
   * @param appliedBy who applies it, e.g. {@code admin:alice}
   * @throws DocumentException listing every problem, when any
   */
  public static List<Policy> parse(String source, String appliedBy, Instant appliedAt)
      throws DocumentException {
    Checker check = new Checker();
    List<YamlNode> documents = YamlNode.readAll(source, check);
    if (documents.isEmpty()) {
      check.problem(1, 1, "", "no policy document");
    }
    List<String> sources = sources(source, documents.size());
    List<Policy> policies = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < documents.size(); i++) {
      YamlNode document = documents.get(i);
      Optional<Policy> policy = check.document(document, sources.get(i), appliedBy, appliedAt);
      if (policy.isPresent() && !names.add(policy.get().getName())) {
        check.problem(
            document,
            "name",
            "document '" + policy.get().getName() + "' appears twice in the file");
      }
      policy.ifPresent(policies::add);
    }
    check.throwIfAny();
    return policies;
  }

  /** Each document's own text when the separators split the file cleanly; else the whole file. */
  private static List<String> sources(String source, int documents) {
    List<String> parts =
        DOCUMENT_SEPARATOR
            .splitAsStream(source)
            .filter(p -> !p.strip().isEmpty())
            .map(String::strip)
            .toList();
    if (parts.size() == documents) {
      return parts;
    }
    return java.util.Collections.nCopies(documents, source);
  }

  /** The policy-specific reading; the generic value readers are inherited. */
  private static final class Checker extends DocumentChecker {

    Optional<Policy> document(YamlNode node, String source, String appliedBy, Instant appliedAt) {
      Optional<Map<String, YamlNode>> fields = mapping(node, "", DOCUMENT_KEYS);
      if (fields.isEmpty()) {
        return Optional.empty();
      }
      int before = problemCount();
      String name =
          required(node, fields.get(), "name", "").flatMap(n -> name(n, "name")).orElse(null);
      List<PolicyRule> rules = new ArrayList<>();
      Optional<YamlNode> rulesNode = required(node, fields.get(), "rules", "");
      if (rulesNode.isPresent()) {
        if (!rulesNode.get().isList() || rulesNode.get().list().isEmpty()) {
          problem(rulesNode.get(), "rules", "must be a non-empty list of rules");
        } else {
          Set<String> ids = new HashSet<>();
          List<YamlNode> items = rulesNode.get().list();
          for (int i = 0; i < items.size(); i++) {
            String path = "rules[" + i + "]";
            YamlNode item = items.get(i);
            YamlNode id = item.isMap() ? item.map().get("id") : null;
            if (id != null && id.isScalar() && !ids.add(id.text().strip())) {
              problem(id, path + ".id", "'" + id.text().strip() + "' is used twice");
            }
            Optional<PolicyRule> rule = rule(item, path);
            rule.ifPresent(rules::add);
          }
        }
      }
      if (problemCount() > before) {
        return Optional.empty();
      }
      return Optional.of(
          Policy.newBuilder()
              .setName(name)
              .setVersion(1)
              .setRules(rules)
              .setSource(source)
              .setAppliedBy(appliedBy)
              .setAppliedAt(appliedAt)
              .build());
    }

    Optional<PolicyRule> rule(YamlNode node, String path) {
      Optional<Map<String, YamlNode>> fields = mapping(node, path, RULE_KEYS);
      if (fields.isEmpty()) {
        return Optional.empty();
      }
      int before = problemCount();
      Map<String, YamlNode> f = fields.get();
      String id = required(node, f, "id", path).flatMap(n -> name(n, path + ".id")).orElse(null);
      PolicyEffect effect =
          required(node, f, "effect", path).flatMap(n -> effect(n, path + ".effect")).orElse(null);
      List<String> subjects =
          required(node, f, "subjects", path)
              .map(n -> subjects(n, path + ".subjects"))
              .orElse(List.of());
      PolicyRule.Builder rule =
          PolicyRule.newBuilder()
              .setId(id == null ? "" : id)
              .setEffect(effect == null ? PolicyEffect.DENY : effect)
              .setSubjects(subjects);
      Optional.ofNullable(f.get("where")).ifPresent(w -> where(w, path + ".where", rule));
      Optional.ofNullable(f.get("what")).ifPresent(w -> what(w, path + ".what", rule));
      rule.setParameters(
          Optional.ofNullable(f.get("parameters"))
              .map(p -> parameters(p, path + ".parameters"))
              .orElse(List.of()));
      rule.setConfirm(
          Optional.ofNullable(f.get("confirm"))
              .flatMap(c -> bool(c, path + ".confirm"))
              .orElse(false));
      Optional.ofNullable(f.get("rateLimit"))
          .flatMap(r -> rateLimit(r, path + ".rateLimit"))
          .ifPresent(rule::setRateLimit);
      if (effect == PolicyEffect.DENY && (f.containsKey("confirm") || f.containsKey("rateLimit"))) {
        problem(
            node,
            path,
            "a deny rule cannot have confirm or rateLimit: they qualify what an allow rule allows");
      }
      return problemCount() > before ? Optional.empty() : Optional.of(rule.build());
    }

    void where(YamlNode node, String path, PolicyRule.Builder rule) {
      mapping(node, path, WHERE_KEYS)
          .ifPresent(
              f -> {
                rule.setProviders(
                    strings(f.get("providers"), path + ".providers", PROVIDER, "a provider id"));
                rule.setWorkspaces(globs(f.get("workspaces"), path + ".workspaces"));
                rule.setChannels(globs(f.get("channels"), path + ".channels"));
                rule.setDirect(
                    Optional.ofNullable(f.get("direct"))
                        .flatMap(d -> bool(d, path + ".direct"))
                        .orElse(null));
              });
    }

    void what(YamlNode node, String path, PolicyRule.Builder rule) {
      mapping(node, path, WHAT_KEYS)
          .ifPresent(
              f -> {
                rule.setAliases(globs(f.get("aliases"), path + ".aliases"));
                List<String> actions = new ArrayList<>(globs(f.get("actions"), path + ".actions"));
                YamlNode actionsNode = f.get("actions");
                for (int i = 0; i < actions.size(); i++) {
                  if (!actions.get(i).contains(".")) {
                    problem(
                        actionsNode.isList() ? actionsNode.list().get(i) : actionsNode,
                        path + ".actions[" + i + "]",
                        "an action ref is <pack>.<action>; list packs under 'packs'");
                  }
                }
                List<String> packs = globs(f.get("packs"), path + ".packs");
                YamlNode packsNode = f.get("packs");
                for (int i = 0; i < packs.size(); i++) {
                  if (packs.get(i).contains(".")) {
                    problem(
                        packsNode.isList() ? packsNode.list().get(i) : packsNode,
                        path + ".packs[" + i + "]",
                        "a pack name has no '.'; list action refs under 'actions'");
                  }
                }
                // The record keeps packs among the action globs: a dot-less entry names a pack.
                actions.addAll(packs);
                rule.setActions(actions);
              });
    }

    List<ParameterConstraint> parameters(YamlNode node, String path) {
      if (!node.isMap() || node.map().isEmpty()) {
        problem(node, path, "must map parameter names to {enum, regex, min, max}");
        return List.of();
      }
      List<ParameterConstraint> constraints = new ArrayList<>();
      node.map()
          .forEach(
              (name, spec) -> parameter(name, spec, path + "." + name).ifPresent(constraints::add));
      return constraints;
    }

    Optional<ParameterConstraint> parameter(String name, YamlNode node, String path) {
      Optional<Map<String, YamlNode>> fields = mapping(node, path, CONSTRAINT_KEYS);
      if (fields.isEmpty()) {
        return Optional.empty();
      }
      Map<String, YamlNode> f = fields.get();
      if (f.isEmpty()) {
        problem(node, path, "needs at least one of enum, regex, min, max");
        return Optional.empty();
      }
      ParameterConstraint.Builder constraint =
          ParameterConstraint.newBuilder()
              .setName(name)
              .setAllowed(strings(f.get("enum"), path + ".enum", null, null));
      if (f.containsKey("enum") && constraint.getAllowed().isEmpty()) {
        problem(f.get("enum"), path + ".enum", "must list at least one value");
      }
      Optional.ofNullable(f.get("regex"))
          .flatMap(r -> scalar(r, path + ".regex"))
          .ifPresent(
              r -> {
                try {
                  Pattern.compile(r);
                  constraint.setRegex(r);
                } catch (PatternSyntaxException e) {
                  problem(
                      f.get("regex"),
                      path + ".regex",
                      "is not a valid regular expression: " + e.getDescription());
                }
              });
      Optional<Double> min =
          Optional.ofNullable(f.get("min")).flatMap(m -> number(m, path + ".min"));
      Optional<Double> max =
          Optional.ofNullable(f.get("max")).flatMap(m -> number(m, path + ".max"));
      min.ifPresent(constraint::setMin);
      max.ifPresent(constraint::setMax);
      if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
        problem(f.get("min"), path, "min " + min.get() + " is above max " + max.get());
      }
      return Optional.of(constraint.build());
    }

    Optional<RateLimit> rateLimit(YamlNode node, String path) {
      Optional<Map<String, YamlNode>> fields = mapping(node, path, RATE_KEYS);
      if (fields.isEmpty()) {
        return Optional.empty();
      }
      Optional<Integer> count =
          required(node, fields.get(), "count", path)
              .flatMap(c -> scalar(c, path + ".count"))
              .flatMap(
                  c -> {
                    if (c.matches("[1-9][0-9]{0,8}")) {
                      return Optional.of(Integer.parseInt(c));
                    }
                    problem(
                        fields.get().get("count"), path + ".count", "must be a whole number >= 1");
                    return Optional.empty();
                  });
      Optional<Duration> per =
          required(node, fields.get(), "per", path)
              .flatMap(p -> scalar(p, path + ".per"))
              .flatMap(
                  p -> {
                    Optional<Duration> d =
                        Durations.parse(p).filter(x -> x.compareTo(Duration.ofSeconds(1)) >= 0);
                    if (d.isEmpty()) {
                      problem(
                          fields.get().get("per"),
                          path + ".per",
                          "must be a period such as 30s, 5m, 1h or 1d, not '" + p + "'");
                    }
                    return d;
                  });
      if (count.isEmpty() || per.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new RateLimit(count.get(), Math.toIntExact(per.get().toSeconds())));
    }

    // --- value readers -------------------------------------------------------------------------

    Optional<String> name(YamlNode node, String path) {
      return scalar(node, path)
          .filter(
              n -> {
                if (!NAME.matcher(n).matches()) {
                  problem(node, path, "'" + n + "' may hold only letters, digits, '.', '_', '-'");
                  return false;
                }
                return true;
              });
    }

    Optional<PolicyEffect> effect(YamlNode node, String path) {
      return scalar(node, path)
          .flatMap(
              e -> {
                if (e.equals("allow")) {
                  return Optional.of(PolicyEffect.ALLOW);
                }
                if (e.equals("deny")) {
                  return Optional.of(PolicyEffect.DENY);
                }
                problem(node, path, "must be allow or deny, not '" + e + "'");
                return Optional.empty();
              });
    }

    List<String> subjects(YamlNode node, String path) {
      List<String> subjects = strings(node, path, null, null);
      if (subjects.isEmpty()) {
        problem(node, path, "must name at least one StackStorm user, group:NAME or '*'");
      }
      for (int i = 0; i < subjects.size(); i++) {
        String s = subjects.get(i);
        boolean valid =
            s.equals(CompiledRule.EVERYONE)
                || (s.startsWith(CompiledRule.GROUP_PREFIX)
                    ? s.length() > CompiledRule.GROUP_PREFIX.length() && !s.contains(" ")
                    : !s.contains(" ") && !s.contains("*"));
        if (!valid) {
          problem(
              node.isList() ? node.list().get(i) : node,
              path + "[" + i + "]",
              "'" + s + "' is not a StackStorm user, group:NAME or '*'");
        }
      }
      return subjects;
    }

    List<String> globs(YamlNode node, String path) {
      return strings(node, path, null, null);
    }
  }
}
