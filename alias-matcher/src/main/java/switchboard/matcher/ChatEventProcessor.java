package switchboard.matcher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.policy.PermissionDecider;
import switchboard.matcher.policy.PolicyRules;
import switchboard.records.AuditDecision;
import switchboard.records.ChatEvent;
import switchboard.records.CommandRequest;
import switchboard.schemas.DeadLetters;
import switchboard.schemas.ReasonCode;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Reads one chat event's bytes and forwards what the matcher writes for it. Decoding is done here,
 * not by a serde, so an unreadable record becomes a dead letter with its origin and the stream goes
 * on; the decisions themselves are {@link CommandDecisions} and {@link Confirmations}, and this
 * class only applies the state changes they ask for (commands held for confirmation and released).
 */
final class ChatEventProcessor implements Processor<String, byte[], String, MatcherOutput> {

  private final TopicSpec<ChatEvent> events;
  private final RecordSerdes serdes;
  private final MatcherTables tables;
  private final MatcherSettings settings;
  private final Clock clock;
  private ProcessorContext<String, MatcherOutput> context;
  private WindowStore<String, Long> recentRequests;
  private KeyValueStore<String, CommandRequest> pending;
  private Supplier<AliasCatalog.Snapshot> catalog;
  private Supplier<IdentityDirectory> identities;
  private Supplier<PolicyRules> policies;

  ChatEventProcessor(
      TopicSpec<ChatEvent> events,
      RecordSerdes serdes,
      MatcherTables tables,
      MatcherSettings settings,
      Clock clock) {
    this.events = events;
    this.serdes = serdes;
    this.tables = tables;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, MatcherOutput> context) {
    this.context = context;
    this.recentRequests = context.getStateStore(AliasMatcherTopology.RECENT_REQUESTS_STORE);
    this.pending = context.getStateStore(AliasMatcherTopology.PENDING_CONFIRMATIONS_STORE);
    this.catalog = tables.aliases().view(context);
    this.identities = tables.identities().view(context);
    this.policies = tables.policies().view(context);
    // Wall-clock time: a prompt must expire even when nobody writes in the channel any more.
    context.schedule(expiryCheckInterval(), PunctuationType.WALL_CLOCK_TIME, t -> expireHeld());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    DecodeResult<ChatEvent> decoded = serdes.decode(events, record.value());
    if (decoded instanceof DecodeResult.Undecodable<ChatEvent> undecodable) {
      deadLetter(record, undecodable.reason(), undecodable.message());
      return;
    }
    ChatEvent event = ((DecodeResult.Decoded<ChatEvent>) decoded).value();
    try {
      Optional<String> pressed = Confirmations.pressed(event);
      Optional<String> command =
          pressed.isPresent() ? Optional.empty() : CommandDecisions.commandOf(event, settings);
      if (pressed.isEmpty() && command.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      String requestId = CommandDecisions.requestIdOf(event);
      if (seenBefore(requestId, record.timestamp())) {
        apply(
            record.timestamp(),
            List.of(
                AuditContext.of(event, requestId, command.orElse(null), null)
                    .entry(
                        AuditDecision.DUPLICATE,
                        "event " + event.getEventId() + " was already handled",
                        null,
                        now)));
        return;
      }
      if (pressed.isPresent()) {
        apply(
            record.timestamp(),
            Confirmations.answer(
                event, pending.get(pressed.get()), policies.get(), settings.confirmTimeout(), now));
        return;
      }
      PermissionDecider permissions =
          settings.permissions().decider(identities.get(), policies.get());
      apply(
          record.timestamp(),
          CommandDecisions.decide(event, command.get(), catalog.get(), permissions, settings, now));
    } catch (RuntimeException e) {
      // A bug or an unexpected input must cost one event, not the whole stream.
      deadLetter(record, ReasonCode.PROCESSING_FAILED, e.toString());
    }
  }

  /** Remembers the request id; true when it was seen within the dedupe window. */
  private boolean seenBefore(String requestId, long timestamp) {
    long window = settings.dedupeWindow().toMillis();
    try (WindowStoreIterator<Long> seen =
        recentRequests.fetch(requestId, timestamp - window, timestamp + window)) {
      if (seen.hasNext()) {
        return true;
      }
    }
    recentRequests.put(requestId, timestamp, timestamp);
    return false;
  }

  /** Drops every held command whose time is up, telling its sender. */
  private void expireHeld() {
    Instant now = clock.instant();
    List<CommandRequest> expired = new ArrayList<>();
    try (KeyValueIterator<String, CommandRequest> all = pending.all()) {
      while (all.hasNext()) {
        KeyValue<String, CommandRequest> held = all.next();
        if (Confirmations.expired(held.value, settings.confirmTimeout(), now)) {
          expired.add(held.value);
        }
      }
    }
    for (CommandRequest held : expired) {
      apply(now.toEpochMilli(), Confirmations.expire(held, settings.confirmTimeout(), now));
    }
  }

  private Duration expiryCheckInterval() {
    Duration tenth = settings.confirmTimeout().dividedBy(10);
    return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
  }

  /** Applies state changes and forwards records, in order. */
  private void apply(long timestamp, List<MatcherOutput> outputs) {
    for (MatcherOutput output : outputs) {
      if (output instanceof MatcherOutput.Hold hold) {
        pending.put(hold.key(), hold.command());
      } else if (output instanceof MatcherOutput.Release release) {
        pending.delete(release.key());
      } else {
        context.forward(new Record<>(output.key(), output, timestamp));
      }
    }
  }

  private void deadLetter(Record<String, byte[]> record, ReasonCode reason, String message) {
    Optional<RecordMetadata> origin = context.recordMetadata();
    MatcherOutput dead =
        new MatcherOutput.Dead(
            DeadLetters.of(
                CommandDecisions.COMPONENT,
                origin.map(RecordMetadata::topic).orElse(events.name()),
                origin.map(RecordMetadata::partition).orElse(-1),
                origin.map(RecordMetadata::offset).orElse(-1L),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.value(),
                reason,
                message,
                clock.instant()));
    context.forward(record.withKey(dead.key()).withValue(dead));
  }
}
