package switchboard.matcher.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import switchboard.matcher.document.DocumentException;
import switchboard.matcher.document.PolicyDocuments;
import switchboard.matcher.identity.LinkedUser;
import switchboard.records.Conversation;
import switchboard.records.Policy;

class PolicyEngineTest {

  static final Conversation OPS = new Conversation("slack", "ops-slack", "T1", "C1", false);
  static final LinkedUser ALICE = new LinkedUser("alice", List.of("ops"));
  static final LinkedUser BOB = new LinkedUser("bob", List.of());

  static PolicyRules rules(String... documents) {
    try {
      List<Policy> policies =
          PolicyDocuments.parse(String.join("\n---\n", documents), "test", Instant.EPOCH);
      return PolicyRules.compile(policies);
    } catch (DocumentException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static AccessRequest request(
      LinkedUser user, Conversation where, String alias, Map<String, String> parameters) {
    return new AccessRequest(user, where, alias, "core.remote", parameters);
  }

  private static Permission decide(PolicyRules rules, LinkedUser user, String alias) {
    return PolicyEngine.decide(rules, request(user, OPS, alias, Map.of()));
  }

  @Test
  void shouldDenyByDefaultAndSaySoWhenNoRuleAllows() {
    Permission permission = decide(PolicyRules.empty(), ALICE, "core.local_date");

    assertThat(permission).isInstanceOf(Permission.Denied.class);
    assertThat(permission.decidedBy()).isEqualTo(PolicyEngine.DEFAULT_DENY);
    assertThat(((Permission.Denied) permission).reason())
        .isEqualTo("No policy rule allows alice to run `core.local_date` here.");
  }

  @Test
  void shouldLetDenyOverrideAllowWhateverTheOrder() {
    String allow = "name: a-allow\nrules:\n  - {id: everyone, effect: allow, subjects: ['*']}\n";
    String deny =
        "name: z-deny\nrules:\n"
            + "  - {id: no-shell, effect: deny, subjects: ['*'], what: {aliases: [examples.*]}}\n";

    Permission denied = decide(rules(allow, deny), ALICE, "examples.remote_shell_cmd");
    Permission allowed = decide(rules(allow, deny), ALICE, "core.local_date");

    assertThat(denied)
        .isEqualTo(
            new Permission.Denied(
                "z-deny/no-shell",
                "Policy rule `z-deny/no-shell` denies `examples.remote_shell_cmd` to alice here."));
    assertThat(allowed).isEqualTo(new Permission.Allowed("a-allow/everyone", "alice"));
  }

  @Test
  void shouldNameSubjectsByUserGroupOrEveryone() {
    PolicyRules rules =
        rules(
            "name: p\nrules:\n"
                + "  - {id: ops, effect: allow, subjects: ['group:ops'], what: {aliases: [ops.*]}}\n"
                + "  - {id: bob, effect: allow, subjects: [bob], what: {aliases: [bob.*]}}\n"
                + "  - {id: all, effect: allow, subjects: ['*'], what: {aliases: [public.*]}}\n");

    assertThat(decide(rules, ALICE, "ops.restart").decidedBy()).isEqualTo("p/ops");
    assertThat(decide(rules, BOB, "ops.restart").decidedBy()).isEqualTo("default-deny");
    assertThat(decide(rules, BOB, "bob.thing").decidedBy()).isEqualTo("p/bob");
    assertThat(decide(rules, ALICE, "bob.thing").decidedBy()).isEqualTo("default-deny");
    assertThat(decide(rules, BOB, "public.status").decidedBy()).isEqualTo("p/all");
  }

  @ParameterizedTest(name = "{0}/{1}/{2} direct={3} -> {4}")
  @CsvSource({
    "slack, T1, C1, false, p/ops-channels",
    "slack, T1, C19, false, p/ops-channels",
    "slack, T1, D1, false, default-deny",
    "slack, T2, C1, false, default-deny",
    "teams, T1, C1, false, default-deny",
    "slack, T1, D7, true, p/direct",
    "slack, T1, C1, true, p/ops-channels",
    "slack, T9, D7, true, p/not-t9",
  })
  void shouldMatchProvidersWorkspacesChannelGlobsAndDirectConversations(
      String provider, String workspace, String channel, boolean direct, String decidedBy) {
    PolicyRules rules =
        rules(
            "name: p\nrules:\n"
                + "  - id: ops-channels\n    effect: allow\n    subjects: ['*']\n"
                + "    where: {providers: [slack], workspaces: [T1], channels: ['C1*']}\n"
                + "  - id: direct\n    effect: allow\n    subjects: ['*']\n"
                + "    where: {workspaces: ['T?'], direct: true}\n"
                + "  - id: not-t9\n    effect: deny\n    subjects: ['*']\n"
                + "    where: {workspaces: [T9]}\n");
    Conversation where = new Conversation(provider, "any-connector", workspace, channel, direct);

    assertThat(PolicyEngine.decide(rules, request(ALICE, where, "a.b", Map.of())).decidedBy())
        .isEqualTo(decidedBy);
  }

  @Test
  void shouldMatchActionRefsAndPacksOfTheAction() {
    PolicyRules rules =
        rules(
            "name: p\nrules:\n"
                + "  - {id: remote, effect: allow, subjects: ['*'], what: {actions: ['core.remote*']}}\n"
                + "  - {id: packs, effect: allow, subjects: ['*'], what: {packs: ['pack?']}}\n");

    assertThat(
            PolicyEngine.decide(
                    rules, new AccessRequest(ALICE, OPS, "x.y", "core.remote_sudo", Map.of()))
                .decidedBy())
        .isEqualTo("p/remote");
    assertThat(
            PolicyEngine.decide(
                    rules, new AccessRequest(ALICE, OPS, "x.y", "packs.install", Map.of()))
                .decidedBy())
        .isEqualTo("p/packs");
    assertThat(
            PolicyEngine.decide(rules, new AccessRequest(ALICE, OPS, "x.y", "core.local", Map.of()))
                .decidedBy())
        .isEqualTo("default-deny");
  }

  @Test
  void shouldApplyAnAllowRuleOnlyWhenEveryParameterConstraintHolds() {
    PolicyRules rules =
        rules(
            "name: p\nrules:\n"
                + "  - id: restart\n    effect: allow\n    subjects: ['*']\n"
                + "    parameters:\n"
                + "      env: {enum: [staging, qa]}\n"
                + "      host: {regex: 'web[0-9]+'}\n"
                + "      count: {min: 1, max: 10}\n");

    assertThat(decideWith(rules, Map.of("env", "qa", "host", "web12", "count", "10")))
        .isEqualTo("p/restart");
    assertThat(decideWith(rules, Map.of("env", "prod", "host", "web12", "count", "1")))
        .isEqualTo("default-deny");
    assertThat(decideWith(rules, Map.of("env", "qa", "host", "web12x", "count", "1")))
        .as("the regex must match the whole value")
        .isEqualTo("default-deny");
    assertThat(decideWith(rules, Map.of("env", "qa", "host", "web1", "count", "11")))
        .isEqualTo("default-deny");
    assertThat(decideWith(rules, Map.of("env", "qa", "host", "web1", "count", "many")))
        .as("a range on a value that is not a number cannot hold")
        .isEqualTo("default-deny");
    assertThat(decideWith(rules, Map.of("env", "qa", "host", "web1")))
        .as("an absent parameter cannot be shown to hold")
        .isEqualTo("default-deny");
  }

  @Test
  void shouldApplyADenyRuleWhenItsConstraintHoldsOrCannotBeChecked() {
    PolicyRules rules =
        rules(
            "name: p\nrules:\n"
                + "  - {id: all, effect: allow, subjects: ['*']}\n"
                + "  - id: big\n    effect: deny\n    subjects: ['*']\n"
                + "    parameters: {count: {min: 100}}\n");

    assertThat(decideWith(rules, Map.of("count", "5"))).isEqualTo("p/all");
    assertThat(decideWith(rules, Map.of("count", "500"))).isEqualTo("p/big");
    assertThat(decideWith(rules, Map.of("count", "lots"))).isEqualTo("p/big");
    assertThat(decideWith(rules, Map.of())).isEqualTo("p/big");
  }

  private static String decideWith(PolicyRules rules, Map<String, String> parameters) {
    return PolicyEngine.decide(rules, request(ALICE, OPS, "ops.restart", parameters)).decidedBy();
  }

  @Test
  void shouldCarryConfirmAndRateLimitOfTheFirstAllowingRule() {
    PolicyRules rules =
        rules(
            "name: p\nrules:\n"
                + "  - id: careful\n    effect: allow\n    subjects: [alice]\n"
                + "    what: {aliases: [ops.deploy]}\n"
                + "    confirm: true\n    rateLimit: {count: 3, per: 10m}\n"
                + "  - {id: all, effect: allow, subjects: ['*']}\n");

    assertThat(decide(rules, ALICE, "ops.deploy"))
        .isEqualTo(
            new Permission.Allowed(
                "p/careful", "alice", true, new Quota(3, Duration.ofMinutes(10))));
    assertThat(decide(rules, BOB, "ops.deploy")).isEqualTo(new Permission.Allowed("p/all", "bob"));
  }

  @Test
  void shouldListAnAliasForHelpWhenSomeParametersWouldBeAllowed() {
    PolicyRules rules =
        rules(
            "name: p\nrules:\n"
                + "  - id: staging\n    effect: allow\n    subjects: ['*']\n"
                + "    what: {aliases: [ops.*]}\n    parameters: {env: {enum: [staging]}}\n"
                + "  - id: no-prod\n    effect: deny\n    subjects: ['*']\n"
                + "    what: {aliases: [ops.*]}\n    parameters: {env: {enum: [prod]}}\n"
                + "  - id: no-wipe\n    effect: deny\n    subjects: ['*']\n"
                + "    what: {aliases: [ops.wipe]}\n");

    assertThat(
            PolicyEngine.mayRunWithSomeParameters(rules, request(ALICE, OPS, "ops.deploy", null)))
        .isTrue();
    assertThat(PolicyEngine.mayRunWithSomeParameters(rules, request(ALICE, OPS, "ops.wipe", null)))
        .isFalse();
    assertThat(PolicyEngine.mayRunWithSomeParameters(rules, request(ALICE, OPS, "core.date", null)))
        .isFalse();
  }

  @Test
  void shouldTreatAStoredRegexThatDoesNotCompileAsUncheckable() {
    Policy policy = rulesPolicy();
    policy.getRules().get(0).getParameters().get(0).setRegex("([unclosed");
    policy.getRules().get(2).getParameters().get(0).setRegex("([unclosed");
    PolicyRules rules = PolicyRules.compile(List.of(policy));

    assertThat(PolicyEngine.decide(rules, request(ALICE, OPS, "a.allowed", Map.of("p", "x"))))
        .isInstanceOf(Permission.Denied.class);
    assertThat(
            PolicyEngine.decide(rules, request(ALICE, OPS, "a.denied", Map.of("p", "x")))
                .decidedBy())
        .isEqualTo("p/deny-broken");
  }

  private static Policy rulesPolicy() {
    try {
      return PolicyDocuments.parse(
              "name: p\nrules:\n"
                  + "  - id: allow-broken\n    effect: allow\n    subjects: ['*']\n"
                  + "    what: {aliases: [a.allowed]}\n    parameters: {p: {regex: x}}\n"
                  + "  - {id: all, effect: allow, subjects: ['*'], what: {aliases: [a.denied]}}\n"
                  + "  - id: deny-broken\n    effect: deny\n    subjects: ['*']\n"
                  + "    what: {aliases: [a.denied]}\n    parameters: {p: {regex: x}}\n",
              "test",
              Instant.EPOCH)
          .get(0);
    } catch (DocumentException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void shouldMatchGlobsWholeAndLiterally() {
    assertThat(Glob.of("C1*").matches("C1")).isTrue();
    assertThat(Glob.of("C1*").matches("XC1")).isFalse();
    assertThat(Glob.of("ops.*").matches("ops.deploy.now")).isTrue();
    assertThat(Glob.of("a.b").matches("aXb")).as("a dot is literal").isFalse();
    assertThat(Glob.of("web?").matches("web10")).isFalse();
    assertThat(Glob.of("[x]").matches("[x]")).isTrue();
    assertThat(Glob.of("C1").matches("c1")).as("ids are case-sensitive").isFalse();
  }
}
