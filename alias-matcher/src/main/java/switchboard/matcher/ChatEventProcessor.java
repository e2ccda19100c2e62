package switchboard.matcher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import switchboard.matcher.policy.PermissionDecider;
import switchboard.records.AuditDecision;
import switchboard.records.ChatEvent;
import switchboard.schemas.DeadLetters;
import switchboard.schemas.ReasonCode;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Reads one chat event's bytes and forwards what the matcher writes for it. Decoding is done here,
 * not by a serde, so an unreadable record becomes a dead letter with its origin and the stream goes
 * on; the decisions themselves are {@link CommandDecisions}.
 */
final class ChatEventProcessor implements Processor<String, byte[], String, MatcherOutput> {

  private final TopicSpec<ChatEvent> events;
  private final RecordSerdes serdes;
  private final AliasCatalog catalog;
  private final PermissionDecider permissions;
  private final MatcherSettings settings;
  private final Clock clock;
  private ProcessorContext<String, MatcherOutput> context;
  private WindowStore<String, Long> recentRequests;
  private KeyValueStore<String, Bytes> aliases;

  ChatEventProcessor(
      TopicSpec<ChatEvent> events,
      RecordSerdes serdes,
      AliasCatalog catalog,
      PermissionDecider permissions,
      MatcherSettings settings,
      Clock clock) {
    this.events = events;
    this.serdes = serdes;
    this.catalog = catalog;
    this.permissions = permissions;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, MatcherOutput> context) {
    this.context = context;
    this.recentRequests = context.getStateStore(AliasMatcherTopology.RECENT_REQUESTS_STORE);
    this.aliases = context.getStateStore(AliasMatcherTopology.ALIASES_STORE);
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
      Optional<String> command = CommandDecisions.commandOf(event, settings);
      if (command.isEmpty()) {
        return;
      }
      Instant now = clock.instant();
      if (seenBefore(CommandDecisions.requestIdOf(event), record.timestamp())) {
        forward(
            record,
            List.of(
                CommandDecisions.audit(
                    event,
                    CommandDecisions.requestIdOf(event),
                    command.get(),
                    AuditDecision.DUPLICATE,
                    "event " + event.getEventId() + " was already handled",
                    null,
                    null,
                    java.util.Map.of(),
                    now)));
        return;
      }
      forward(
          record,
          CommandDecisions.decide(
              event, command.get(), catalog.current(aliases), permissions, settings, now));
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

  private void forward(Record<String, byte[]> source, List<MatcherOutput> outputs) {
    for (MatcherOutput output : outputs) {
      context.forward(source.withKey(output.key()).withValue(output));
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
