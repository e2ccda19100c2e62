package switchboard.schemas;

import java.time.Duration;
import java.util.List;
import switchboard.records.AliasDefinition;
import switchboard.records.AuditRecord;
import switchboard.records.ChatEvent;
import switchboard.records.CommandRequest;
import switchboard.records.DeadLetter;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.ExecutionUpdate;
import switchboard.records.IdentityLink;
import switchboard.records.Policy;
import switchboard.records.Reply;

/**
 * The topics of architecture.md, declared once. An optional prefix namespaces every name, so one
 * Kafka cluster can host several Switchboard installations and each test its own topics.
 */
public final class Topics {

  /** Events and audit are replayed for audit: keep them for a long time. */
  public static final Duration LONG_RETENTION = Duration.ofDays(365);

  static {
    RecordTrust.install();
  }

  private static final Duration WORKING_RETENTION = Duration.ofDays(7);
  private static final int KEYED_PARTITIONS = 6;

  private final String prefix;
  private final TopicSpec<ChatEvent> events;
  private final TopicSpec<CommandRequest> commands;
  private final TopicSpec<Reply> replies;
  private final TopicSpec<ExecutionUpdate> executions;
  private final TopicSpec<AuditRecord> audit;
  private final TopicSpec<AliasDefinition> aliases;
  private final TopicSpec<IdentityLink> identities;
  private final TopicSpec<Policy> policies;
  private final TopicSpec<DeadLetter> deadLetters;
  private final TopicSpec<DispatchLedgerEntry> dispatchLedger;

  private Topics(String prefix) {
    this.prefix = prefix;
    events =
        new TopicSpec<>(
            prefix + "chatops.events",
            ChatEvent.class,
            KEYED_PARTITIONS,
            false,
            LONG_RETENTION,
            "chat events from the ingress connectors, replayed for audit");
    commands =
        new TopicSpec<>(
            prefix + "chatops.commands",
            CommandRequest.class,
            KEYED_PARTITIONS,
            false,
            WORKING_RETENTION,
            "matched, allowed commands for the dispatcher");
    replies =
        new TopicSpec<>(
            prefix + "chatops.replies",
            Reply.class,
            KEYED_PARTITIONS,
            false,
            WORKING_RETENTION,
            "replies for the notifier");
    executions =
        new TopicSpec<>(
            prefix + "chatops.executions",
            ExecutionUpdate.class,
            KEYED_PARTITIONS,
            false,
            WORKING_RETENTION,
            "status changes of StackStorm executions");
    audit =
        new TopicSpec<>(
            prefix + "chatops.audit",
            AuditRecord.class,
            KEYED_PARTITIONS,
            false,
            LONG_RETENTION,
            "every decision and outcome, for audit");
    aliases =
        new TopicSpec<>(
            prefix + "chatops.aliases",
            AliasDefinition.class,
            1,
            true,
            null,
            "the StackStorm alias catalogue, latest definition per alias ref");
    identities =
        new TopicSpec<>(
            prefix + "chatops.identities",
            IdentityLink.class,
            1,
            true,
            null,
            "chat user to StackStorm user links, latest per chat user");
    policies =
        new TopicSpec<>(
            prefix + "chatops.policies",
            Policy.class,
            1,
            true,
            null,
            "policy documents, latest version per document");
    deadLetters =
        new TopicSpec<>(
            prefix + "chatops.deadletter",
            DeadLetter.class,
            1,
            false,
            LONG_RETENTION,
            "records that could not be read or delivered");
    dispatchLedger =
        new TopicSpec<>(
            prefix + "chatops.dispatch.ledger",
            DispatchLedgerEntry.class,
            KEYED_PARTITIONS,
            true,
            null,
            "the dispatcher's record of which commands StackStorm has run");
  }

  /** The production names, {@code chatops.*}. */
  public static Topics defaults() {
    return new Topics("");
  }

  /** Every name prefixed, e.g. {@code tenant-a.chatops.events}; dots only, never underscores. */
  public static Topics withPrefix(String prefix) {
    if (prefix.contains("_")) {
      // Kafka's metric names conflate '.' and '_' (org.apache.kafka.common.internals.Topic).
      throw new IllegalArgumentException("topic prefix must not contain '_': " + prefix);
    }
    return new Topics(prefix);
  }

  public String prefix() {
    return prefix;
  }

  /** The topic the Kafka-backed schema registry keeps its schemas in. */
  public String schemas() {
    return prefix + "chatops.schemas";
  }

  public TopicSpec<ChatEvent> events() {
    return events;
  }

  public TopicSpec<CommandRequest> commands() {
    return commands;
  }

  public TopicSpec<Reply> replies() {
    return replies;
  }

  public TopicSpec<ExecutionUpdate> executions() {
    return executions;
  }

  public TopicSpec<AuditRecord> audit() {
    return audit;
  }

  public TopicSpec<AliasDefinition> aliases() {
    return aliases;
  }

  public TopicSpec<IdentityLink> identities() {
    return identities;
  }

  public TopicSpec<Policy> policies() {
    return policies;
  }

  public TopicSpec<DeadLetter> deadLetters() {
    return deadLetters;
  }

  public TopicSpec<DispatchLedgerEntry> dispatchLedger() {
    return dispatchLedger;
  }

  /** Every record topic, in pipeline order. */
  public List<TopicSpec<?>> all() {
    return List.of(
        events,
        commands,
        replies,
        executions,
        audit,
        aliases,
        identities,
        policies,
        deadLetters,
        dispatchLedger);
  }
}
