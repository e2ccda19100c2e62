package switchboard.launcher.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import switchboard.matcher.document.PolicyDocuments;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;
import switchboard.matcher.policy.PolicyRules;
import switchboard.records.IdentityLink;

class PolicyTrialTest {

  private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

  private static Alias alias(String pack, String name, String action, String format) {
    return new Alias(
        null,
        pack,
        name,
        null,
        true,
        action,
        List.of(new AliasFormatSpec(format, List.of(format), false)),
        null,
        null,
        null,
        null);
  }

  private final PolicyTrial trial;

  PolicyTrialTest() throws Exception {
    trial =
        new PolicyTrial(
            List.of(
                alias("examples", "shell", "core.remote", "run {{cmd}} on {{hosts}}"),
                alias("packs", "install", "packs.install", "pack install {{packs}}")),
            IdentityDirectory.of(
                List.of(
                    new IdentityLink("slack", "T1", "U1", "alice", List.of("ops"), "admin:x", T))),
            PolicyRules.compile(
                PolicyDocuments.parse(
                    "name: ops\nrules:\n"
                        + "  - id: ops-shell\n    effect: allow\n    subjects: ['group:ops']\n"
                        + "    where: {channels: ['C1*']}\n    confirm: true\n"
                        + "    rateLimit: {count: 5, per: 1m}\n"
                        + "  - {id: no-installs, effect: deny, subjects: ['*'], what: {packs: [packs]}}\n",
                    "admin:x",
                    T)));
  }

  @Test
  void shouldSayWhoTheUserIsAndWhichRuleAllows() {
    PolicyTrial.Outcome outcome =
        trial.decide("slack", "T1", "C1", false, "U1", "run date on web1", T);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.report())
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "chat user:  slack/T1/U1 -> alice (groups: ops)",
                "alias:      examples.shell (action core.remote)",
                "parameters: cmd=date, hosts=web1",
                "decision:   ALLOWED by ops/ops-shell, as alice; the user must confirm first;"
                    + " rate limit 5 per 1m per user",
                ""));
  }

  @Test
  void shouldNameTheDenyingRuleAndExitThree() {
    PolicyTrial.Outcome outcome =
        trial.decide("slack", "T1", "C1", false, "U1", "pack install st2", T);

    assertThat(outcome.exitCode()).isEqualTo(PolicyCommand.DENIED);
    assertThat(outcome.report())
        .contains("decision:   DENIED by ops/no-installs")
        .contains(
            "reason:     Policy rule `ops/no-installs` denies `packs.install` to alice here.");
  }

  @Test
  void shouldDenyAnUnlinkedUserAndOutsideTheCoveredChannels() {
    assertThat(trial.decide("slack", "T1", "C1", false, "U2", "run date on web1", T).report())
        .contains("slack/T1/U2 (not linked)")
        .contains("DENIED by unlinked-user");
    assertThat(trial.decide("slack", "T1", "C2", false, "U1", "run date on web1", T).report())
        .contains("DENIED by default-deny");
  }

  @Test
  void shouldReportACommandThatMatchesNoAlias() {
    PolicyTrial.Outcome outcome = trial.decide("slack", "T1", "C1", false, "U1", "reboot", T);

    assertThat(outcome.exitCode()).isEqualTo(PolicyCommand.NO_SINGLE_MATCH);
    assertThat(outcome.report()).contains("NO MATCH: Command 'reboot' matched no patterns");
  }

  @Test
  void shouldListWhatHelpWouldShow() {
    assertThat(trial.decide("slack", "T1", "C1", false, "U1", "help", T).report())
        .contains("help lists: examples.shell");
  }
}
