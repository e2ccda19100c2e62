package switchboard.matcher.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;
import switchboard.records.IdentityLink;

class IdentityDirectoryTest {

  private static final Conversation T1 = new Conversation("slack", "ops-slack", "T1", "C1", false);

  private static IdentityLink link(
      String workspace, String user, String st2User, String... groups) {
    return new IdentityLink(
        "slack", workspace, user, st2User, List.of(groups), "admin:test", Instant.EPOCH);
  }

  @Test
  void shouldFindTheLinkByImmutableIdWhateverTheDisplayName() {
    IdentityDirectory directory = IdentityDirectory.of(List.of(link("T1", "U1", "alice", "ops")));

    assertThat(directory.lookup(ChatIdentity.of(T1, new ChatUser("U1", "alice"))))
        .contains(new LinkedUser("alice", List.of("ops")));
    assertThat(directory.lookup(ChatIdentity.of(T1, new ChatUser("U1", "Mallory"))))
        .contains(new LinkedUser("alice", List.of("ops")));
    assertThat(directory.lookup(ChatIdentity.of(T1, new ChatUser("U2", "alice")))).isEmpty();
  }

  @Test
  void shouldKeepWorkspacesAndProvidersApart() {
    IdentityDirectory directory = IdentityDirectory.of(List.of(link("T1", "U1", "alice")));

    assertThat(directory.lookup(new ChatIdentity("slack", "T2", "U1"))).isEmpty();
    assertThat(directory.lookup(new ChatIdentity("mattermost", "T1", "U1"))).isEmpty();
  }

  @Test
  void shouldLetALaterLinkReplaceAnEarlierOne() {
    IdentityDirectory directory =
        IdentityDirectory.of(List.of(link("T1", "U1", "alice"), link("T1", "U1", "bob")));

    assertThat(directory.lookup(new ChatIdentity("slack", "T1", "U1")))
        .map(LinkedUser::stackstormUser)
        .contains("bob");
    assertThat(directory.size()).isEqualTo(1);
  }

  @Test
  void shouldKeyLinksByProviderWorkspaceAndUserId() {
    assertThat(ChatIdentity.of(link("T1", "U1", "alice")).key()).isEqualTo("slack/T1/U1");
  }

  @Test
  void shouldRecogniseTheBuiltInSelfServicesAlone() {
    assertThat(SelfService.parse(" WhoAmI ")).contains(SelfService.WHOAMI);
    assertThat(SelfService.parse("link")).contains(SelfService.LINK);
    assertThat(SelfService.parse("unlink me")).isEmpty();
    assertThat(SelfService.LINK.aliasRef()).isEqualTo("switchboard.link");
  }
}
