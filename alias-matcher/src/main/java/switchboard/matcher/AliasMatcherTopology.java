package switchboard.matcher;

import java.time.Clock;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import switchboard.matcher.policy.PermissionDecider;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The alias matcher's topology: chat events in; commands, replies, audit entries and dead letters
 * out; the alias catalogue as a global store. Reads as a flow chart: every decision is in {@link
 * CommandDecisions}.
 */
public final class AliasMatcherTopology {

  static final String ALIASES_STORE = "aliases-by-ref";
  static final String RECENT_REQUESTS_STORE = "recent-request-ids";

  private AliasMatcherTopology() {}

  /** Adds the matcher to {@code builder}. */
  public static void build(
      StreamsBuilder builder,
      Topics topics,
      RecordSerdes serdes,
      MatcherSettings settings,
      PermissionDecider permissions,
      Clock clock) {
    AliasCatalog catalog = new AliasCatalog(topics.aliases(), serdes, settings.suggestionLimit());

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ALIASES_STORE), Serdes.String(), Serdes.Bytes())
            .withLoggingDisabled(),
        topics.aliases().name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("alias-catalogue"),
        () -> new AliasStoreUpdater(catalog));

    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                RECENT_REQUESTS_STORE,
                settings.dedupeWindow().multipliedBy(2),
                settings.dedupeWindow(),
                false),
            Serdes.String(),
            Serdes.Long()));

    KStream<String, MatcherOutput> outputs =
        builder.stream(
                topics.events().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("chat-events"))
            .process(
                () ->
                    new ChatEventProcessor(
                        topics.events(), serdes, catalog, permissions, settings, clock),
                Named.as("match-chat-event"),
                RECENT_REQUESTS_STORE);

    outputs
        .split(Named.as("route-"))
        .branch(
            (key, output) -> output instanceof MatcherOutput.Command,
            writeTo(
                "commands", topics.commands(), serdes, o -> ((MatcherOutput.Command) o).command()))
        .branch(
            (key, output) -> output instanceof MatcherOutput.Answer,
            writeTo("replies", topics.replies(), serdes, o -> ((MatcherOutput.Answer) o).reply()))
        .branch(
            (key, output) -> output instanceof MatcherOutput.Audit,
            writeTo("audit", topics.audit(), serdes, o -> ((MatcherOutput.Audit) o).audit()))
        .defaultBranch(
            writeTo(
                "dead-letters",
                topics.deadLetters(),
                serdes,
                o -> ((MatcherOutput.Dead) o).letter()));
  }

  private static <V extends SpecificRecord> Branched<String, MatcherOutput> writeTo(
      String name, TopicSpec<V> topic, RecordSerdes serdes, Function<MatcherOutput, V> record) {
    return Branched.withConsumer(
        stream ->
            stream
                .mapValues(record::apply, Named.as(name + "-record"))
                .to(
                    topic.name(),
                    Produced.with(RecordSerdes.key(), serdes.value(topic)).withName(name + "-out")),
        name);
  }
}
