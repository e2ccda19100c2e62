package switchboard.matcher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import switchboard.records.CommandRequest;
import switchboard.records.IdentityLink;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The alias matcher's topology: chat events in; commands, replies, audit entries, self-service
 * unlinks and dead letters out; the alias catalogue, identities and policies as global stores.
 * Reads as a flow chart: every decision is in {@link CommandDecisions}, {@link Confirmations} and
 * the pure {@code policy} package.
 */
public final class AliasMatcherTopology {

  static final String RECENT_REQUESTS_STORE = "recent-request-ids";
  static final String PENDING_CONFIRMATIONS_STORE = "pending-confirmations";
  static final String RATE_LIMIT_USAGE_STORE = "rate-limit-usage";

  private AliasMatcherTopology() {}

  /** Adds the matcher to {@code builder}. */
  public static void build(
      StreamsBuilder builder,
      Topics topics,
      RecordSerdes serdes,
      MatcherSettings settings,
      Clock clock) {
    MatcherTables tables = MatcherTables.create(topics, serdes, settings);
    tables.addTo(builder);

    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                RECENT_REQUESTS_STORE,
                settings.dedupeWindow().multipliedBy(2),
                settings.dedupeWindow(),
                false),
            Serdes.String(),
            Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_CONFIRMATIONS_STORE),
            Serdes.String(),
            serdes.value(topics.commands())));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(RATE_LIMIT_USAGE_STORE),
            Serdes.String(),
            Serdes.ListSerde(ArrayList.class, Serdes.Long())));

    KStream<String, MatcherOutput> decided =
        builder.stream(
                topics.events().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("chat-events"))
            .process(
                () -> new ChatEventProcessor(topics.events(), serdes, tables, settings, clock),
                Named.as("match-chat-event"),
                RECENT_REQUESTS_STORE,
                PENDING_CONFIRMATIONS_STORE);

    // Rate limits count per StackStorm user across every conversation, so the commands they
    // govern meet in one partition per user before they are let through.
    KStream<String, MatcherOutput> gated =
        decided
            .filter(
                (key, output) -> output instanceof MatcherOutput.Gated, Named.as("rate-limited"))
            .map(
                (key, output) ->
                    KeyValue.pair(output.key(), ((MatcherOutput.Gated) output).command()),
                Named.as("by-stackstorm-user"))
            .repartition(
                Repartitioned.<String, CommandRequest>as("commands-by-stackstorm-user")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(serdes.value(topics.commands())))
            .process(
                () -> new RateGate(tables, clock), Named.as("rate-gate"), RATE_LIMIT_USAGE_STORE);

    decided
        .filterNot((key, output) -> output instanceof MatcherOutput.Gated, Named.as("decided"))
        .merge(gated, Named.as("matcher-output"))
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
        .branch(
            (key, output) -> output instanceof MatcherOutput.Unlink,
            writeTo("unlinks", topics.identities(), serdes, o -> (IdentityLink) null))
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
