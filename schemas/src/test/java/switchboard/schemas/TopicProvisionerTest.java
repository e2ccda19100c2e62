package switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

  private final Topics topics = Topics.defaults();

  private TopicProvisioner.Requirement requirementFor(String name) {
    return TopicProvisioner.requirements(topics).stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldCreateTablesCompactedAndLogsWithRetention() {
    assertThat(topics.aliases().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.identities().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.policies().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.events().configs())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(Topics.LONG_RETENTION.toMillis()));
    assertThat(topics.audit().retention()).isEqualTo(Topics.LONG_RETENTION);
  }

  @Test
  void shouldNameTheTopicAndTheFixForADeletingAliasTopic() {
    assertThat(TopicProvisioner.problemsOf(requirementFor("chatops.aliases"), "delete", 1))
        .singleElement()
        .asString()
        .contains("chatops.aliases has cleanup.policy=delete")
        .contains("--add-config cleanup.policy=compact");
  }

  @Test
  void shouldRefuseCompactAndDeleteForATable() {
    assertThat(
            TopicProvisioner.problemsOf(requirementFor("chatops.identities"), "compact,delete", 1))
        .hasSize(1);
  }

  @Test
  void shouldRefuseACompactedEventLog() {
    assertThat(TopicProvisioner.problemsOf(requirementFor("chatops.events"), "compact", 6))
        .singleElement()
        .asString()
        .contains("cleanup.policy=delete");
  }

  @Test
  void shouldRefuseASchemasTopicWithSeveralPartitions() {
    assertThat(TopicProvisioner.problemsOf(requirementFor("chatops.schemas"), "compact", 3))
        .singleElement()
        .asString()
        .contains("must have 1");
  }

  @Test
  void shouldAcceptWellConfiguredTopics() {
    assertThat(TopicProvisioner.problemsOf(requirementFor("chatops.aliases"), "compact", 1))
        .isEmpty();
    assertThat(TopicProvisioner.problemsOf(requirementFor("chatops.events"), "delete", 12))
        .isEmpty();
  }

  @Test
  void shouldPrefixEveryName() {
    Topics prefixed = Topics.withPrefix("tenant-a.");
    assertThat(prefixed.all())
        .allSatisfy(t -> assertThat(t.name()).startsWith("tenant-a.chatops."));
    assertThat(prefixed.schemas()).isEqualTo("tenant-a.chatops.schemas");
  }
}
