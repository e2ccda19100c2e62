package switchboard.dispatcher.aliases;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.dispatcher.calls.StackStormCalls;
import switchboard.dispatcher.stackstorm.StreamEvent;
import switchboard.records.AliasDefinition;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.serde.DecodeResult;
import switchboard.schemas.serde.RecordSerdes;

/**
 * Keeps the compacted {@code chatops.aliases} topic equal to StackStorm's alias catalogue, so the
 * matcher never works from a stale one: one record per alias ref, a tombstone for a deleted alias.
 *
 * <ul>
 *   <li>At start it reads what the topic holds, then loads every alias ({@code GET
 *       /api/v1/actionalias}, paged by {@code X-Total-Count}, contract §3.1) and publishes the
 *       difference, tombstones included, so an alias deleted while the dispatcher was down goes
 *       too.
 *   <li>It follows {@code st2.actionalias__create|update|delete} on the stream (contract §6; these
 *       events come only when asked for, see {@link #EVENTS}).
 *   <li>It resyncs fully on a schedule (hubot reloads every 120 s, contract §8.1) and after every
 *       stream reconnect, because the stream has no ids and may have lost events meanwhile.
 * </ul>
 *
 * All work runs on one thread, so events and resyncs apply in order. StackStorm being unavailable
 * only delays the catalogue; the next resync catches up.
 */
public final class AliasCatalogSync implements AliasCatalogue, AutoCloseable {

  /** The stream events the sync needs; st2 sends them only when asked (contract §6). */
  public static final Set<String> EVENTS =
      Set.of("st2.actionalias__create", "st2.actionalias__update", "st2.actionalias__delete");

  private static final Logger LOG = LoggerFactory.getLogger(AliasCatalogSync.class);
  private static final String DELETE = "st2.actionalias__delete";

  private final StackStormCalls stackStorm;
  private final Producer<String, AliasDefinition> producer;
  private final TopicSpec<AliasDefinition> topic;
  private final RecordSerdes serdes;
  private final Duration resyncInterval;
  private final Map<String, AliasDefinition> published = new ConcurrentHashMap<>();

  /** Secret parameter names per action ref, loaded on every resync; the sync's thread only. */
  private Map<String, List<String>> secrets = Map.of();

  private final ScheduledExecutorService worker;
  private final Counter upserts;
  private final Counter tombstones;
  private final Counter resyncs;

  /**
   * @param producer writes {@code chatops.aliases}; used only by the sync's thread
   */
  public AliasCatalogSync(
      StackStormCalls stackStorm,
      Producer<String, AliasDefinition> producer,
      TopicSpec<AliasDefinition> topic,
      RecordSerdes serdes,
      Duration resyncInterval,
      MeterRegistry meters) {
    this.stackStorm = stackStorm;
    this.producer = producer;
    this.topic = topic;
    this.serdes = serdes;
    this.resyncInterval = resyncInterval;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-dispatcher-aliases");
              t.setDaemon(true);
              return t;
            });
    this.upserts = published(meters, "upsert");
    this.tombstones = published(meters, "tombstone");
    this.resyncs =
        Counter.builder("switchboard.dispatcher.aliases.resyncs")
            .description("Full loads of StackStorm's alias catalogue")
            .register(meters);
  }

  /**
   * Reads what {@code chatops.aliases} holds now, then resyncs at once and every resync interval.
   *
   * @param reader a consumer with byte-array deserializers, closed when the topic has been read
   */
  public void start(Consumer<byte[], byte[]> reader, Duration timeout) {
    try (reader) {
      readPublished(reader, timeout);
    }
    LOG.info("{} holds {} aliases", topic.name(), published.size());
    // Until StackStorm first answers which parameters are secret, what was published stands: a
    // failed first load must not republish every alias without its secrets.
    Map<String, List<String>> known = new HashMap<>();
    published.values().forEach(a -> known.putIfAbsent(a.getActionRef(), a.getSecretParameters()));
    secrets = Map.copyOf(known);
    worker.scheduleWithFixedDelay(
        guarded(this::resync), 0, resyncInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<AliasDefinition> find(String ref) {
    return Optional.ofNullable(published.get(ref));
  }

  /** Every alias as published, by ref. */
  public Map<String, AliasDefinition> published() {
    return Map.copyOf(published);
  }

  /** An alias event from the stream; other events are ignored. */
  public void onEvent(StreamEvent event) {
    if (EVENTS.contains(event.name())) {
      submit(() -> apply(event));
    }
  }

  /** The stream reconnected and may have lost alias events: load everything again. */
  public void onReconnect() {
    submit(this::resync);
  }

  private void submit(Runnable work) {
    try {
      worker.execute(guarded(work));
    } catch (RejectedExecutionException closed) {
      LOG.debug("alias sync closed; dropped a late event");
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
  }

  /** Publishes the difference between StackStorm's catalogue and the topic. */
  private void resync() {
    loadSecrets();
    List<JsonNode> aliases;
    try {
      aliases = stackStorm.listAliases();
    } catch (RuntimeException e) {
      LOG.warn("cannot load StackStorm's aliases now, will try again: {}", e.getMessage());
      return;
    }
    Map<String, AliasDefinition> current = new LinkedHashMap<>();
    for (JsonNode alias : aliases) {
      definition(alias).ifPresent(d -> current.put(d.getRef(), d));
    }
    Map<String, AliasDefinition> changes = new LinkedHashMap<>();
    current.forEach(
        (ref, definition) -> {
          if (!definition.equals(published.get(ref))) {
            changes.put(ref, definition);
          }
        });
    for (String ref : published.keySet()) {
      if (!current.containsKey(ref)) {
        changes.put(ref, null);
      }
    }
    publish(changes);
    resyncs.increment();
    LOG.debug("alias resync: {} aliases, {} changes", current.size(), changes.size());
  }

  private void apply(StreamEvent event) {
    JsonNode alias = event.json();
    if (DELETE.equals(event.name())) {
      String ref;
      try {
        ref = AliasDefinitions.ref(alias);
      } catch (IllegalArgumentException e) {
        LOG.warn("ignored an alias delete event without a ref: {}", e.getMessage());
        return;
      }
      if (published.containsKey(ref)) {
        publish(singleton(ref, null));
      }
      return;
    }
    definition(alias)
        .filter(d -> !d.equals(published.get(d.getRef())))
        .ifPresent(d -> publish(singleton(d.getRef(), d)));
  }

  /** Sends upserts and tombstones (null values), and remembers those the broker acknowledged. */
  private void publish(Map<String, AliasDefinition> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Map<String, Future<RecordMetadata>> sent = new LinkedHashMap<>();
    changes.forEach(
        (ref, definition) ->
            sent.put(ref, producer.send(new ProducerRecord<>(topic.name(), ref, definition))));
    producer.flush();
    for (Map.Entry<String, Future<RecordMetadata>> result : sent.entrySet()) {
      String ref = result.getKey();
      try {
        result.getValue().get();
      } catch (ExecutionException e) {
        LOG.warn("could not publish alias {}; the next resync retries: {}", ref, e.getCause());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      AliasDefinition definition = changes.get(ref);
      if (definition == null) {
        published.remove(ref);
        tombstones.increment();
        LOG.info("alias {} removed from {}", ref, topic.name());
      } else {
        published.put(ref, definition);
        upserts.increment();
      }
    }
  }

  private void readPublished(Consumer<byte[], byte[]> reader, Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : reader.partitionsFor(topic.name(), timeout)) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    reader.assign(partitions);
    reader.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = reader.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + topic.name() + " within " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
        if (record.key() == null) {
          continue;
        }
        String ref = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
          published.remove(ref);
          continue;
        }
        DecodeResult<AliasDefinition> decoded = serdes.decode(topic, record.value());
        if (decoded instanceof DecodeResult.Decoded<AliasDefinition> d) {
          published.put(ref, d.value());
        } else {
          // Unreadable: treat as absent, so the resync writes a readable record over it.
          published.remove(ref);
        }
      }
    }
  }

  /** A periodic task that throws is never run again: log instead, and go on. */
  private static Runnable guarded(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.error("alias sync: unexpected failure, going on", e);
      }
    };
  }

  private Optional<AliasDefinition> definition(JsonNode alias) {
    AliasDefinition definition;
    try {
      definition = AliasDefinitions.fromSt2(alias);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignored an alias StackStorm sent: {}", e.getMessage());
      return Optional.empty();
    }
    definition.setSecretParameters(secrets.getOrDefault(definition.getActionRef(), List.of()));
    return Optional.of(definition);
  }

  /**
   * Which action parameters StackStorm marks secret, so the matcher and the dispatcher mask them in
   * audit records. Asked on every resync, since an action can change without an alias event; when
   * StackStorm cannot say, the last answer stays and parameter names alone decide for new actions.
   */
  private void loadSecrets() {
    try {
      secrets = SecretParameterIndex.of(stackStorm.listActions(), stackStorm.listRunnerTypes());
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot load StackStorm's secret parameters now, will try again: {}", e.getMessage());
    }
  }

  private static Map<String, AliasDefinition> singleton(String ref, AliasDefinition definition) {
    Map<String, AliasDefinition> one = new LinkedHashMap<>();
    one.put(ref, definition);
    return one;
  }

  private static Counter published(MeterRegistry meters, String change) {
    return Counter.builder("switchboard.dispatcher.aliases.published")
        .description("Alias records written to chatops.aliases")
        .tag("change", change)
        .register(meters);
  }
}
