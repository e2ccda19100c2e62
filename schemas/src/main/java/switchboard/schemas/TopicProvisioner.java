package switchboard.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing Switchboard topics and refuses to run on an existing topic whose settings would
 * break a guarantee, naming the topic and the fix.
 */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final short replicationFactor;

  public TopicProvisioner(Admin admin, short replicationFactor) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
  }

  /** Every record topic of {@code topics} plus the schemas topic. */
  public static List<Requirement> requirements(Topics topics) {
    List<Requirement> all = new ArrayList<>();
    for (TopicSpec<?> spec : topics.all()) {
      all.add(
          new Requirement(
              spec.name(), spec.partitions(), spec.configs(), spec.compacted(), spec.purpose()));
    }
    all.add(
        new Requirement(
            topics.schemas(),
            1,
            Map.of("cleanup.policy", "compact"),
            true,
            "the Avro schemas every record refers to by id"));
    return all;
  }

  /**
   * What a topic must look like.
   *
   * @param partitions partitions to create; a compacted table topic must keep exactly this many
   */
  public record Requirement(
      String name,
      int partitions,
      Map<String, String> configs,
      boolean compacted,
      String purpose) {}

  /**
   * Creates what is missing and checks what exists.
   *
   * @throws TopicSettingsException listing every topic whose settings break a guarantee
   */
  public void ensure(Collection<Requirement> requirements) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<Requirement> toCreate =
          requirements.stream().filter(r -> !existing.contains(r.name())).toList();
      Set<String> created = create(toCreate);
      verifyWhenVisible(requirements.stream().filter(r -> !created.contains(r.name())).toList());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot provision topics: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while provisioning topics", e);
    }
  }

  /** Creates the topics and returns those this call created; the others existed already. */
  private Set<String> create(List<Requirement> missing)
      throws InterruptedException, ExecutionException {
    Map<String, KafkaFuture<Void>> results =
        admin
            .createTopics(
                missing.stream()
                    .map(
                        r ->
                            new NewTopic(r.name(), r.partitions(), replicationFactor)
                                .configs(r.configs()))
                    .toList())
            .values();
    Set<String> created = new HashSet<>();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        result.getValue().get();
        created.add(result.getKey());
      } catch (ExecutionException e) {
        // Another instance, or a metadata view that lagged behind, had it already: verify it.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    if (!created.isEmpty()) {
      LOG.info("created topics {}", String.join(", ", created));
    }
    return created;
  }

  /** A topic created a moment ago may not be visible to describe calls yet: wait a little. */
  private void verifyWhenVisible(List<Requirement> present)
      throws InterruptedException, ExecutionException {
    for (int attempt = 1; ; attempt++) {
      try {
        verify(present);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == 20) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  private void verify(List<Requirement> present) throws InterruptedException, ExecutionException {
    if (present.isEmpty()) {
      return;
    }
    List<ConfigResource> resources =
        present.stream().map(r -> new ConfigResource(ConfigResource.Type.TOPIC, r.name())).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
    Map<String, TopicDescription> descriptions =
        admin
            .describeTopics(present.stream().map(Requirement::name).toList())
            .allTopicNames()
            .get();
    List<String> problems = new ArrayList<>();
    for (Requirement requirement : present) {
      Config config =
          configs.get(new ConfigResource(ConfigResource.Type.TOPIC, requirement.name()));
      String cleanup = config.get("cleanup.policy").value();
      int partitions = descriptions.get(requirement.name()).partitions().size();
      problems.addAll(problemsOf(requirement, cleanup, partitions));
    }
    if (!problems.isEmpty()) {
      throw new TopicSettingsException(problems);
    }
  }

  /** The guarantees a topic's settings can break, each with its fix; pure for testing. */
  static List<String> problemsOf(Requirement requirement, String cleanupPolicy, int partitions) {
    List<String> problems = new ArrayList<>();
    boolean compacts = cleanupPolicy.contains("compact");
    boolean deletes = cleanupPolicy.contains("delete");
    if (requirement.compacted() && (!compacts || deletes)) {
      problems.add(
          "topic "
              + requirement.name()
              + " has cleanup.policy="
              + cleanupPolicy
              + " but holds "
              + requirement.purpose()
              + ", which deleting old segments would lose. Fix: kafka-configs.sh --alter"
              + " --entity-type topics --entity-name "
              + requirement.name()
              + " --add-config cleanup.policy=compact");
    }
    if (!requirement.compacted() && compacts) {
      problems.add(
          "topic "
              + requirement.name()
              + " has cleanup.policy="
              + cleanupPolicy
              + " but holds "
              + requirement.purpose()
              + ", a log in which compaction would drop records that share a key. Fix:"
              + " kafka-configs.sh --alter --entity-type topics --entity-name "
              + requirement.name()
              + " --add-config cleanup.policy=delete");
    }
    if (requirement.compacted() && partitions != requirement.partitions()) {
      problems.add(
          "topic "
              + requirement.name()
              + " has "
              + partitions
              + " partitions but must have "
              + requirement.partitions()
              + " so every reader sees one ordered history of "
              + requirement.purpose()
              + ". Fix: recreate it with --partitions "
              + requirement.partitions());
    }
    return problems;
  }
}
