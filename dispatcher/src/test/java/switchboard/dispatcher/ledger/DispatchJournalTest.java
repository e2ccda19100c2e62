package switchboard.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import switchboard.dispatcher.Commands;
import switchboard.records.CommandRequest;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.InMemorySchemaRegistry;
import switchboard.schemas.serde.RecordSerdes;

/** The journal's transactions, on Kafka's own transactional {@link MockProducer}. */
class DispatchJournalTest {

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Topics TOPICS = Topics.defaults();
  static final CommandRequest COMMAND = Commands.greet("req-1", "hi");
  static final TopicPartition COMMANDS_0 = new TopicPartition(TOPICS.commands().name(), 0);

  /** Every producer the journal made, in order. */
  final List<MockProducer<String, byte[]>> made = new CopyOnWriteArrayList<>();

  MockProducer<String, byte[]> producer;

  /** When set, every producer made from now on fails its commits with it. */
  volatile RuntimeException everyCommitFails;

  final Ledger ledger = new Ledger();
  final CommandRecords records = new CommandRecords(TOPICS);
  final List<String> told = new CopyOnWriteArrayList<>();
  final AtomicInteger position = new AtomicInteger(-1);
  DispatchJournal journal;

  @BeforeEach
  void start() {
    journal =
        new DispatchJournal(
            () -> {
              MockProducer<String, byte[]> next =
                  new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
              next.commitTransactionException = everyCommitFails;
              made.add(next);
              return next;
            },
            TOPICS,
            new RecordSerdes(new InMemorySchemaRegistry()),
            ledger);
    producer = made.get(0);
    journal.initTransactions();
    journal.attach(
        new DispatchJournal.ConsumerPosition() {
          @Override
          public Map<TopicPartition, OffsetAndMetadata> advancedOffsets() {
            int next = position.getAndSet(-1);
            return next < 0 ? Map.of() : Map.of(COMMANDS_0, new OffsetAndMetadata(next));
          }

          @Override
          public ConsumerGroupMetadata groupMetadata() {
            return new ConsumerGroupMetadata("switchboard-dispatcher");
          }
        });
    journal.listener(
        new DispatchJournal.Listener() {
          @Override
          public void committed(java.util.Collection<DispatchLedgerEntry> entries) {
            entries.forEach(e -> told.add("committed " + e.getState()));
          }

          @Override
          public void aborted(KafkaException cause) {
            told.add("aborted");
          }

          @Override
          public void failed(Throwable cause) {
            told.add("failed");
          }
        });
    journal.start();
  }

  @AfterEach
  void stop() {
    journal.close();
  }

  Reply ack() {
    return records
        .reply(COMMAND, ReplyKind.ACK, ReplyStatus.NEUTRAL, null, "ok", Map.of(), NOW)
        .build();
  }

  static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldCommitALedgerEntryItsRecordsAndTheOffsetItSettlesInOneTransaction() throws Exception {
    DispatchLedgerEntry submitted =
        LedgerTransitions.submitted(COMMAND, 1, "5f00", "requested", null, NOW);
    JournalEntry entry =
        JournalEntry.of(records.replyRecord(ack()))
            .withLedger(submitted)
            .settling(List.of(() -> position.set(43)));

    assertThat(await(journal.write(entry))).isTrue();

    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly(TOPICS.dispatchLedger().name(), TOPICS.replies().name());
    assertThat(producer.history().get(0).key()).isEqualTo("req-1");
    assertThat(producer.consumerGroupOffsetsHistory())
        .containsExactly(
            Map.of("switchboard-dispatcher", Map.of(COMMANDS_0, new OffsetAndMetadata(43))));
    assertThat(ledger.state("req-1")).contains(DispatchState.SUBMITTED);
    assertThat(told).containsExactly("committed SUBMITTED");
  }

  @Test
  void shouldWriteNothingOfAnEntryWhosePreconditionNoLongerHolds() throws Exception {
    DispatchLedgerEntry submitted =
        LedgerTransitions.submitted(COMMAND, 1, "5f00", "succeeded", null, NOW);
    ledger.merge(submitted);
    JournalEntry result =
        JournalEntry.of(records.replyRecord(ack()))
            .withLedger(LedgerTransitions.completed(submitted, "succeeded", "replied", NOW))
            .onlyIf(
                view ->
                    view.get("req-1")
                        .map(e -> e.getState() == DispatchState.SUBMITTED)
                        .orElse(false));

    CompletableFuture<Boolean> first = journal.write(result);
    CompletableFuture<Boolean> second = journal.write(result);

    assertThat(await(first)).isTrue();
    assertThat(await(second)).isFalse();
    assertThat(producer.history()).hasSize(2);
    assertThat(ledger.state("req-1")).contains(DispatchState.COMPLETED);
  }

  @Test
  void shouldFailTheBatchAndSayItAbortedWhenTheTransactionCannotCommit() {
    producer.commitTransactionException = new KafkaException("broker went away");

    CompletableFuture<Boolean> write =
        journal.write(JournalEntry.of().withLedger(LedgerTransitions.pending(COMMAND, 0, NOW)));

    assertThatThrownBy(() -> await(write)).isInstanceOf(ExecutionException.class);
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(ledger.get("req-1")).isEmpty();
    assertThat(told).containsExactly("aborted");
    assertThat(journal.failure()).isEmpty();
  }

  @Test
  void shouldStopForGoodWhenAnotherInstanceFencedItsTransactionalId() {
    producer.fenceProducer();

    CompletableFuture<Boolean> write =
        journal.write(JournalEntry.of().withLedger(LedgerTransitions.pending(COMMAND, 0, NOW)));

    assertThatThrownBy(() -> await(write)).hasCauseInstanceOf(ProducerFencedException.class);
    assertThat(journal.failure()).containsInstanceOf(ProducerFencedException.class);
    assertThat(told).containsExactly("failed");
    assertThat(journal.write(JournalEntry.of())).isCompletedExceptionally();
  }

  @Test
  void shouldReplaceAProducerLeftInAnErrorStateAndGoOnWithTheNextBatch() throws Exception {
    // Given a commit the broker refuses as if the transaction were over, and an abort that the
    // producer can no longer send: it is in an error state, though nobody fenced it
    producer.commitTransactionException = new InvalidTxnStateException("COMPLETE_COMMIT");
    producer.abortTransactionException = new KafkaException("in an error state");

    CompletableFuture<Boolean> lost =
        journal.write(JournalEntry.of().withLedger(LedgerTransitions.pending(COMMAND, 0, NOW)));

    // Then that batch fails as an aborted one does, and a new producer takes over
    assertThatThrownBy(() -> await(lost)).isInstanceOf(ExecutionException.class);
    assertThat(told).containsExactly("aborted");
    assertThat(made).hasSize(2);
    assertThat(producer.closed()).isTrue();
    assertThat(made.get(1).transactionInitialized()).isTrue();

    // And the next entry commits on it
    assertThat(
            await(
                journal.write(
                    JournalEntry.of().withLedger(LedgerTransitions.pending(COMMAND, 0, NOW)))))
        .isTrue();
    assertThat(made.get(1).transactionCommitted()).isTrue();
    assertThat(journal.failure()).isEmpty();
  }

  @Test
  void shouldStopInsteadOfFencingBackWhenFencedWhileAborting() {
    // Given a commit that fails, and another instance that took the transactional id meanwhile
    producer.commitTransactionException = new KafkaException("request timed out");
    producer.abortTransactionException = new ProducerFencedException("another instance");

    CompletableFuture<Boolean> write =
        journal.write(JournalEntry.of().withLedger(LedgerTransitions.pending(COMMAND, 0, NOW)));

    // Then no new producer takes the id back: the journal stops
    assertThatThrownBy(() -> await(write)).isInstanceOf(ExecutionException.class);
    assertThat(made).hasSize(1);
    assertThat(told).containsExactly("failed");
    assertThat(journal.failure()).containsInstanceOf(ProducerFencedException.class);
  }

  @Test
  void shouldStopWhenEveryNewProducerFailsToo() {
    everyCommitFails = new OutOfOrderSequenceException("out of order");
    producer.commitTransactionException = everyCommitFails;

    for (int i = 0; i < 4; i++) {
      CompletableFuture<Boolean> write =
          journal.write(JournalEntry.of().withLedger(LedgerTransitions.pending(COMMAND, 0, NOW)));
      assertThatThrownBy(() -> await(write)).isInstanceOf(ExecutionException.class);
    }

    // The first producer and three replacements, then the journal gives up
    assertThat(made).hasSize(4);
    assertThat(told).containsExactly("aborted", "aborted", "aborted", "failed");
    assertThat(journal.failure()).containsInstanceOf(OutOfOrderSequenceException.class);
  }
}
