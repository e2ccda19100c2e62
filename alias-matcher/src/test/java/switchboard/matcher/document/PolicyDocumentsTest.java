package switchboard.matcher.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import switchboard.records.ParameterConstraint;
import switchboard.records.Policy;
import switchboard.records.PolicyEffect;
import switchboard.records.PolicyRule;
import switchboard.records.RateLimit;

class PolicyDocumentsTest {

  private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

  private static List<Policy> parse(String yaml) throws DocumentException {
    return PolicyDocuments.parse(yaml, "admin:root", T);
  }

  private static List<String> problems(String yaml) {
    return catchThrowableOfType(DocumentException.class, () -> parse(yaml)).problems().stream()
        .map(DocumentException.Problem::toString)
        .toList();
  }

  @Test
  void shouldReadEveryPartOfARule() throws Exception {
    String yaml =
        String.join(
            "\n",
            "name: ops",
            "rules:",
            "  - id: deploy",
            "    effect: allow",
            "    subjects: [alice, 'group:ops']",
            "    where:",
            "      providers: [slack]",
            "      workspaces: [T1]",
            "      channels: [C1, 'C2*']",
            "      direct: false",
            "    what:",
            "      aliases: ['ops.*']",
            "      actions: [core.remote]",
            "      packs: [packs]",
            "    parameters:",
            "      env: {enum: [staging, 7]}",
            "      host: {regex: 'web[0-9]+'}",
            "      count: {min: 1, max: 10.5}",
            "    confirm: true",
            "    rateLimit: {count: 5, per: 2m}",
            "");

    Policy policy = parse(yaml).get(0);

    assertThat(policy.getName()).isEqualTo("ops");
    assertThat(policy.getVersion()).isEqualTo(1);
    assertThat(policy.getSource()).isEqualTo(yaml.strip());
    assertThat(policy.getAppliedBy()).isEqualTo("admin:root");
    assertThat(policy.getAppliedAt()).isEqualTo(T);
    PolicyRule rule = policy.getRules().get(0);
    assertThat(rule.getId()).isEqualTo("deploy");
    assertThat(rule.getEffect()).isEqualTo(PolicyEffect.ALLOW);
    assertThat(rule.getSubjects()).containsExactly("alice", "group:ops");
    assertThat(rule.getProviders()).containsExactly("slack");
    assertThat(rule.getWorkspaces()).containsExactly("T1");
    assertThat(rule.getChannels()).containsExactly("C1", "C2*");
    assertThat(rule.getDirect()).isFalse();
    assertThat(rule.getAliases()).containsExactly("ops.*");
    assertThat(rule.getActions()).containsExactly("core.remote", "packs");
    assertThat(rule.getParameters())
        .containsExactly(
            new ParameterConstraint("env", List.of("staging", "7"), null, null, null),
            new ParameterConstraint("host", List.of(), "web[0-9]+", null, null),
            new ParameterConstraint("count", List.of(), null, 1.0, 10.5));
    assertThat(rule.getConfirm()).isTrue();
    assertThat(rule.getRateLimit()).isEqualTo(new RateLimit(5, 120));
  }

  @Test
  void shouldReadSeveralDocumentsEachWithItsOwnSource() throws Exception {
    List<Policy> policies =
        parse(
            "name: a\nrules: [{id: r, effect: allow, subjects: ['*']}]\n---\n"
                + "name: b\nrules: [{id: r, effect: deny, subjects: [bob]}]\n");

    assertThat(policies).extracting(Policy::getName).containsExactly("a", "b");
    assertThat(policies.get(1).getSource())
        .isEqualTo("name: b\nrules: [{id: r, effect: deny, subjects: [bob]}]");
  }

  @Test
  void shouldNameTheLineOfEveryProblemAtOnce() {
    String yaml =
        String.join(
            "\n",
            "name: ops",
            "rules:",
            "  - id: one",
            "    effect: permit",
            "    subjects: ['*']",
            "    where:",
            "      chanels: [C1]",
            "  - id: one",
            "    effect: allow",
            "    subjects: ['*']",
            "    parameters:",
            "      host: {regex: 'web[0-9'}",
            "      count: {min: 10, max: 1}",
            "    rateLimit: {count: 0, per: soon}",
            "");

    assertThat(problems(yaml))
        .containsExactly(
            "4:13: rules[0].effect: must be allow or deny, not 'permit'",
            "7:16: rules[0].where.chanels: unknown key; expected one of"
                + " [channels, direct, providers, workspaces]",
            "8:9: rules[1].id: 'one' is used twice",
            "12:21: rules[1].parameters.host.regex: is not a valid regular expression:"
                + " Unclosed character class",
            "13:20: rules[1].parameters.count: min 10.0 is above max 1.0",
            "14:24: rules[1].rateLimit.count: must be a whole number >= 1",
            "14:32: rules[1].rateLimit.per: must be a period such as 30s, 5m, 1h or 1d, not"
                + " 'soon'");
  }

  @Test
  void shouldRequireTheEssentials() {
    assertThat(problems("rules:\n  - effect: allow\n"))
        .containsExactly(
            "1:1: name: is required",
            "2:5: rules[0].id: is required",
            "2:5: rules[0].subjects: is required");
  }

  @Test
  void shouldRefuseConfirmAndRateLimitOnADenyRule() {
    assertThat(
            problems(
                "name: p\nrules:\n  - {id: r, effect: deny, subjects: ['*'], confirm: true}\n"))
        .containsExactly(
            "3:5: rules[0]: a deny rule cannot have confirm or rateLimit: they qualify what an"
                + " allow rule allows");
  }

  @Test
  void shouldRefuseBadSubjectsAndMixedUpPacksAndActions() {
    assertThat(
            problems(
                "name: p\nrules:\n"
                    + "  - id: r\n    effect: allow\n    subjects: ['group:', 'al ice']\n"
                    + "    what: {actions: [core], packs: [core.local]}\n"))
        .containsExactly(
            "5:16: rules[0].subjects[0]: 'group:' is not a StackStorm user, group:NAME or '*'",
            "5:26: rules[0].subjects[1]: 'al ice' is not a StackStorm user, group:NAME or '*'",
            "6:22: rules[0].what.actions[0]: an action ref is <pack>.<action>; list packs under"
                + " 'packs'",
            "6:37: rules[0].what.packs[0]: a pack name has no '.'; list action refs under"
                + " 'actions'");
  }

  @Test
  void shouldReportYamlSyntaxErrorsWithTheirLine() {
    assertThat(problems("name: p\nrules:\n  - id: [unclosed\n"))
        .containsExactly(
            "4:1: while parsing a flow sequence: expected ',' or ']', but got <stream end>");
  }

  @Test
  void shouldRefuseDuplicateKeysAndEmptyFiles() {
    assertThat(problems("name: p\nname: q\nrules: [{id: r, effect: allow, subjects: ['*']}]\n"))
        .containsExactly("2:1: name: is given twice");
    assertThat(problems("# nothing here\n")).containsExactly("1:1: no policy document");
  }
}
