package switchboard.matcher.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import switchboard.records.IdentityLink;

class IdentityDocumentsTest {

  private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

  private static List<String> problems(ThrowingParse parse) {
    return catchThrowableOfType(DocumentException.class, parse::run).problems().stream()
        .map(DocumentException.Problem::toString)
        .toList();
  }

  private interface ThrowingParse {
    void run() throws DocumentException;
  }

  @Test
  void shouldReadACsvFileWithOptionalWorkspaceAndGroups() throws Exception {
    List<IdentityLink> links =
        IdentityDocuments.parseCsv(
            "# exported from the HR system\n"
                + "provider,workspace,user,st2_user,groups\n"
                + "slack,T1,U1,alice,ops;dev\n"
                + "\n"
                + "irc,,\"alice_\",alice,\n",
            "import:users.csv",
            T);

    assertThat(links)
        .containsExactly(
            new IdentityLink(
                "slack", "T1", "U1", "alice", List.of("ops", "dev"), "import:users.csv", T),
            new IdentityLink("irc", "", "alice_", "alice", List.of(), "import:users.csv", T));
  }

  @Test
  void shouldNameTheLineOfEveryBadCsvRow() {
    assertThat(
            problems(
                () ->
                    IdentityDocuments.parseCsv(
                        "provider,workspace,user,st2_user\n"
                            + "slack,T1,U1,alice\n"
                            + "Slack!,T1,U2,bob\n"
                            + "slack,T1,U3,\n"
                            + "slack,T1,U1,carol\n",
                        "import:x",
                        T)))
        .containsExactly(
            "3:1: row 3: provider 'Slack!' is not a provider id such as slack",
            "4:1: row 4: st2_user is required",
            "5:1: row 5: slack/T1/U1 is already linked on line 2");
  }

  @Test
  void shouldRefuseUnknownOrMissingCsvColumns() {
    assertThat(
            problems(
                () ->
                    IdentityDocuments.parseCsv("provider,nick,st2_user\nslack,al,alice\n", "x", T)))
        .containsExactly(
            "1:1: header: unknown column 'nick'; expected [groups, provider, st2_user, user,"
                + " workspace]",
            "1:1: header: the column 'user' is missing");
  }

  @Test
  void shouldReadAYamlList() throws Exception {
    List<IdentityLink> links =
        IdentityDocuments.parseYaml(
            "- {provider: teams, workspace: tenant-1, user: 0f2c-aad, st2_user: bob, groups: [ops]}\n"
                + "- provider: xmpp\n  user: alice@example.org\n  st2_user: alice\n",
            "import:users.yaml",
            T);

    assertThat(links)
        .extracting(
            IdentityLink::getProvider, IdentityLink::getWorkspace, IdentityLink::getChatUserId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("teams", "tenant-1", "0f2c-aad"),
            org.assertj.core.groups.Tuple.tuple("xmpp", "", "alice@example.org"));
  }

  @Test
  void shouldNameTheLineOfEveryBadYamlEntry() {
    assertThat(
            problems(
                () ->
                    IdentityDocuments.parseYaml(
                        "- {provider: slack, workspace: T1, user: U1, st2_user: alice}\n"
                            + "- {provider: slack, workspace: T1, user: U2, nick: bob}\n"
                            + "- {provider: slack, workspace: T1, user: [U3], st2_user: carol}\n",
                        "x",
                        T)))
        .containsExactly(
            "2:3: [1]: st2_user is required",
            "2:52: [1].nick: unknown key; expected one of [groups, provider, st2_user, user, workspace]",
            "3:42: [2].user: must be a single value, not a list");
  }
}
