package switchboard.dispatcher.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.dispatcher.aliases.AliasCatalogue;
import switchboard.dispatcher.calls.StackStormCalls;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.dispatcher.ledger.DispatchJournal;
import switchboard.dispatcher.ledger.JournalEntry;
import switchboard.dispatcher.ledger.Ledger;
import switchboard.dispatcher.ledger.LedgerTransitions;
import switchboard.dispatcher.stackstorm.Execution;
import switchboard.dispatcher.stackstorm.ExecutionStatus;
import switchboard.dispatcher.stackstorm.StackStormRejected;
import switchboard.dispatcher.stackstorm.StreamEvent;
import switchboard.records.AliasDefinition;
import switchboard.records.AuditDecision;
import switchboard.records.CommandRequest;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;
import switchboard.records.Reply;

/**
 * Brings every result back, exactly once (DESIGN.md beside the dispatcher package):
 *
 * <ul>
 *   <li>Follows {@code st2.execution__update} and {@code st2.announcement__<route>} on the stream,
 *       keeping only the executions this instance tracks: SUBMITTED in the ledger and owned here.
 *       Each status change becomes an ExecutionUpdate; an announcement becomes the RESULT reply.
 *       Events of a request whose SUBMITTED is not committed yet wait until it is.
 *   <li>The stream has no ids, so after every reconnect, and on a timer, each tracked execution is
 *       read back with {@code GET /api/v1/executions/{id}} (contract §6).
 *   <li>An execution that ended without its announcement arriving within the grace period gets its
 *       result rendered by StackStorm itself: {@code chatops.format_execution_result} runs through
 *       the executions API and its output is replied as the announcement would have been (§7).
 *   <li>The RESULT reply, its COMPLETED audit record and the ledger's COMPLETED go in one journal
 *       transaction that only commits while the request is still SUBMITTED, so a late or second
 *       announcement, or one racing the fallback, posts nothing more.
 * </ul>
 *
 * All state lives on one worker thread; calls to StackStorm run on the call executor.
 */
public final class ResultFollower implements AutoCloseable {

  /** The chatops pack's formatter (contract §7 step 3). */
  public static final String FORMAT_ACTION = "chatops.format_execution_result";

  private static final Logger LOG = LoggerFactory.getLogger(ResultFollower.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXECUTION_UPDATE = "st2.execution__update";
  private static final int EARLY_EVENTS_PER_REQUEST = 64;
  private static final Duration FORMAT_POLL = Duration.ofMillis(200);

  /** An execution followed to its result; touched only on the worker thread. */
  private static final class Tracked {
    final String requestId;
    final String executionId;
    String status;
    Instant terminalSince;
    boolean failed;
    boolean checking;
    boolean fallbackRunning;

    Tracked(String requestId, String executionId, String status) {
      this.requestId = requestId;
      this.executionId = executionId;
      this.status = status;
    }
  }

  private final StackStormCalls stackStorm;
  private final DispatchJournal journal;
  private final Ledger ledger;
  private final CommandRecords records;
  private final ResultReplies replies;
  private final AliasCatalogue catalogue;
  private final ResultSettings settings;
  private final ExecutorService calls;
  private final Predicate<String> owns;
  private final Clock clock;
  private final String announcement;
  private final ScheduledExecutorService worker;
  private final Map<String, Tracked> tracked = new HashMap<>();
  private final Map<String, List<StreamEvent>> early = new HashMap<>();
  private final Counter fromAnnouncements;
  private final Counter fromFallbacks;
  private final Counter silent;
  private final Counter fallbacks;
  private final Counter duplicates;

  /**
   * @param calls the bounded executor StackStorm calls block on
   * @param owns whether this instance owns a request id (its commands partition is assigned here)
   */
  public ResultFollower(
      StackStormCalls stackStorm,
      DispatchJournal journal,
      Ledger ledger,
      CommandRecords records,
      AliasCatalogue catalogue,
      ResultSettings settings,
      ExecutorService calls,
      Predicate<String> owns,
      MeterRegistry meters,
      Clock clock) {
    this.stackStorm = stackStorm;
    this.journal = journal;
    this.ledger = ledger;
    this.records = records;
    this.replies = new ResultReplies(records);
    this.catalogue = catalogue;
    this.settings = settings;
    this.calls = calls;
    this.owns = owns;
    this.clock = clock;
    this.announcement = "st2.announcement__" + settings.notificationRoute();
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-dispatcher-results");
              t.setDaemon(true);
              return t;
            });
    this.fromAnnouncements = delivered(meters, "announcement");
    this.fromFallbacks = delivered(meters, "fallback");
    this.silent = delivered(meters, "none");
    this.fallbacks =
        Counter.builder("switchboard.dispatcher.results.fallbacks")
            .description(
                "Results rendered through " + FORMAT_ACTION + " because no announcement came")
            .register(meters);
    this.duplicates =
        Counter.builder("switchboard.dispatcher.results.duplicates")
            .description(
                "Announcements or fallbacks dropped because the result was already replied")
            .register(meters);
  }

  /** The stream events results need (contract §6): the route's announcements and updates. */
  public static Set<String> events(String notificationRoute) {
    return Set.of("st2.announcement__" + notificationRoute, EXECUTION_UPDATE);
  }

  /** Starts the reconciliation timer and the grace check. */
  public void start() {
    long interval = settings.reconcileInterval().toMillis();
    worker.scheduleWithFixedDelay(
        guarded(this::reconcile), interval, interval, TimeUnit.MILLISECONDS);
    long graceCheck = Math.max(50, Math.min(5_000, settings.grace().toMillis() / 4));
    worker.scheduleWithFixedDelay(
        guarded(this::checkGrace), graceCheck, graceCheck, TimeUnit.MILLISECONDS);
  }

  /** An event from the stream; called on the stream's thread, handled on the worker. */
  public void onEvent(StreamEvent event) {
    if (event.name().equals(announcement) || event.name().equals(EXECUTION_UPDATE)) {
      submit(() -> handle(event));
    }
  }

  /** The stream reconnected: events may be lost, so read every tracked execution back now. */
  public void onReconnect() {
    submit(this::reconcile);
  }

  /** Partitions were assigned: track their requests and read their executions back now. */
  public void reconcileNow() {
    submit(this::reconcile);
  }

  /** Ledger entries committed by the journal; called on the journal's thread. */
  public void committed(Collection<DispatchLedgerEntry> entries) {
    List<DispatchLedgerEntry> copy = List.copyOf(entries);
    submit(() -> copy.forEach(this::ledgerChanged));
  }

  /** Hands work to the worker; after close there is nothing left to do it for. */
  private void submit(Runnable work) {
    try {
      worker.execute(guarded(work));
    } catch (RejectedExecutionException closed) {
      LOG.debug("results closed; dropped late work");
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
  }

  /**
   * Most events are not for requests tracked here, so the request id is read off the event's text
   * first; only an announcement that is acted on gets parsed, and an execution update never is.
   */
  private void handle(StreamEvent event) {
    Optional<String> requestId;
    Runnable action;
    if (event.name().equals(announcement)) {
      requestId = event.announcementRequestId();
      action = () -> announced(requestId.get(), event.announcementPayload());
    } else {
      Optional<ExecutionStatus> seen = ExecutionStatus.scan(event.data());
      requestId = seen.map(ExecutionStatus::requestId);
      action = () -> statusSeen(seen.get());
    }
    if (requestId.isEmpty() || !owns.test(requestId.get())) {
      return;
    }
    String id = requestId.get();
    Optional<DispatchState> state = ledger.state(id);
    if (state.isEmpty()) {
      return;
    }
    switch (state.get()) {
      case PENDING:
        List<StreamEvent> waiting = early.computeIfAbsent(id, k -> new ArrayList<>());
        if (waiting.size() < EARLY_EVENTS_PER_REQUEST) {
          waiting.add(event);
        }
        return;
      case SUBMITTED:
        List<StreamEvent> earlier = early.get(id);
        if (earlier != null) {
          // Earlier events of the request still wait for its SUBMITTED: keep their order.
          earlier.add(event);
        } else {
          action.run();
        }
        return;
      default:
        if (event.name().equals(announcement)) {
          duplicates.increment();
          LOG.debug("announcement for request {} ignored: already {}", id, state.get());
        }
    }
  }

  private void ledgerChanged(DispatchLedgerEntry entry) {
    String id = entry.getRequestId();
    switch (entry.getState()) {
      case SUBMITTED:
        if (owns.test(id)) {
          track(entry);
          List<StreamEvent> waiting = early.remove(id);
          if (waiting != null) {
            waiting.forEach(this::handle);
          }
        }
        return;
      case PENDING:
        return;
      default:
        early.remove(id);
        tracked.remove(id);
    }
  }

  /**
   * Follows a SUBMITTED request. Whether it has ended is learnt from the stream or a read-back,
   * never from the ledger's last status, so an ended execution always gets its grace period.
   */
  private Tracked track(DispatchLedgerEntry entry) {
    return tracked.computeIfAbsent(
        entry.getRequestId(),
        id -> new Tracked(id, entry.getExecutionId(), entry.getExecutionStatus()));
  }

  private void statusSeen(ExecutionStatus execution) {
    String id = execution.requestId();
    DispatchLedgerEntry entry = ledger.get(id).orElseThrow();
    Tracked t = track(entry);
    if (t.terminalSince != null || execution.status() == null) {
      // Once ended, an older answer (a read-back that raced the stream) must not reopen it.
      return;
    }
    if (!execution.status().equals(t.status)) {
      t.status = execution.status();
      Instant now = clock.instant();
      CommandRequest command = entry.getCommand();
      journal.write(
          JournalEntry.of(
                  records.executionUpdate(
                      command,
                      execution.executionId(),
                      execution.status(),
                      execution.isTerminal(),
                      execution.webUrl() != null ? execution.webUrl() : entry.getWebUrl(),
                      now))
              .withLedger(LedgerTransitions.statusSeen(entry, execution.status(), now))
              .onlyIf(stillSubmitted(id)));
    }
    if (execution.isTerminal()) {
      t.terminalSince = clock.instant();
      t.failed = execution.hasFailed();
    }
  }

  private void announced(String id, JsonNode payload) {
    DispatchLedgerEntry entry = ledger.get(id).orElseThrow();
    Tracked t = track(entry);
    Reply reply = replies.fromAnnouncement(payload, entry.getCommand(), t.failed, clock.instant());
    complete(t, entry, reply, "result replied from StackStorm's announcement", fromAnnouncements);
  }

  /** Reads every tracked execution back; run on the worker. */
  private void reconcile() {
    for (DispatchLedgerEntry entry : ledger.inState(DispatchState.SUBMITTED)) {
      if (owns.test(entry.getRequestId())) {
        track(entry);
      }
    }
    tracked
        .values()
        .removeIf(
            t ->
                !owns.test(t.requestId)
                    || ledger.state(t.requestId).orElse(null) != DispatchState.SUBMITTED);
    for (Tracked t : tracked.values()) {
      if (t.terminalSince != null || t.checking) {
        continue;
      }
      t.checking = true;
      CompletableFuture.supplyAsync(() -> stackStorm.getExecution(t.executionId), calls)
          .whenCompleteAsync((execution, error) -> readBack(t, execution, error), worker);
    }
  }

  private void readBack(Tracked t, Execution execution, Throwable error) {
    t.checking = false;
    if (ledger.state(t.requestId).orElse(null) != DispatchState.SUBMITTED) {
      return;
    }
    if (error == null) {
      statusSeen(
          new ExecutionStatus(t.requestId, execution.id(), execution.status(), execution.webUrl()));
      return;
    }
    Throwable cause = StackStormCalls.unwrap(error);
    if (cause instanceof StackStormRejected gone && gone.status() == 404) {
      LOG.warn("execution {} of request {} no longer exists", t.executionId, t.requestId);
      DispatchLedgerEntry entry = ledger.get(t.requestId).orElseThrow();
      complete(
          t,
          entry,
          replies.minimal(
              entry.getCommand(), "is gone from StackStorm", true, null, clock.instant()),
          "the execution no longer exists in StackStorm",
          fromFallbacks);
      return;
    }
    LOG.debug("cannot read execution {} back now: {}", t.executionId, cause.toString());
  }

  /** Asks StackStorm to render results whose announcement is overdue; run on the worker. */
  private void checkGrace() {
    Instant now = clock.instant();
    for (Tracked t : List.copyOf(tracked.values())) {
      if (t.terminalSince != null
          && !t.fallbackRunning
          && !now.isBefore(t.terminalSince.plus(settings.grace()))) {
        fallback(t);
      }
    }
  }

  private void fallback(Tracked t) {
    Optional<DispatchLedgerEntry> current = ledger.get(t.requestId);
    if (current.isEmpty() || current.get().getState() != DispatchState.SUBMITTED) {
      tracked.remove(t.requestId);
      return;
    }
    DispatchLedgerEntry entry = current.get();
    CommandRequest command = entry.getCommand();
    t.fallbackRunning = true;
    boolean resultDisabled =
        catalogue
            .find(command.getAliasRef())
            .map(AliasDefinition::getResult)
            .map(r -> !r.getEnabled())
            .orElse(false);
    if (resultDisabled) {
      // StackStorm posts nothing for such an alias (contract §7 step 3); neither do we.
      complete(t, entry, null, "the alias disables its result message", silent);
      return;
    }
    LOG.info(
        "no announcement for request {} (execution {}, {}): asking {}",
        t.requestId,
        t.executionId,
        t.status,
        FORMAT_ACTION);
    fallbacks.increment();
    format(t.executionId)
        .whenCompleteAsync((formatted, error) -> formatted(t, formatted, error), worker);
  }

  private void formatted(Tracked t, Execution formatter, Throwable error) {
    Optional<DispatchLedgerEntry> current = ledger.get(t.requestId);
    if (current.isEmpty() || current.get().getState() != DispatchState.SUBMITTED) {
      tracked.remove(t.requestId);
      return;
    }
    DispatchLedgerEntry entry = current.get();
    CommandRequest command = entry.getCommand();
    Instant now = clock.instant();
    if (error != null) {
      // StackStorm unavailable or slow: the next grace check tries again.
      t.fallbackRunning = false;
      LOG.info(
          "{} for request {} failed for now: {}", FORMAT_ACTION, t.requestId, error.toString());
      return;
    }
    Reply reply;
    if ("succeeded".equals(formatter.status())) {
      // The python runner's envelope: the action's return value is under result.result (§7).
      JsonNode output = formatter.result().path("result");
      reply =
          replies.fromAnnouncement(
              ResultReplies.announcementOf(output, command), command, t.failed, now);
    } else {
      LOG.warn(
          "{} for request {} ended {}; replying the status only",
          FORMAT_ACTION,
          t.requestId,
          formatter.status());
      reply = replies.minimal(command, t.status, t.failed, entry.getWebUrl(), now);
    }
    complete(t, entry, reply, "result rendered by " + FORMAT_ACTION, fromFallbacks);
  }

  /** Runs the formatter and waits for it without holding a thread. */
  private CompletableFuture<Execution> format(String executionId) {
    Instant deadline = clock.instant().plus(settings.formatTimeout());
    return CompletableFuture.supplyAsync(
            () ->
                stackStorm.runAction(
                    FORMAT_ACTION, JSON.createObjectNode().put("execution_id", executionId)),
            calls)
        .thenCompose(started -> finished(started, deadline));
  }

  private CompletableFuture<Execution> finished(Execution execution, Instant deadline) {
    if (execution.isTerminal()) {
      return CompletableFuture.completedFuture(execution);
    }
    if (clock.instant().isAfter(deadline)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(FORMAT_ACTION + " did not finish in time"));
    }
    Executor later =
        CompletableFuture.delayedExecutor(FORMAT_POLL.toMillis(), TimeUnit.MILLISECONDS, calls);
    return CompletableFuture.supplyAsync(() -> stackStorm.getExecution(execution.id()), later)
        .thenCompose(next -> finished(next, deadline));
  }

  /**
   * Writes the one result of a request: the reply (if any), a COMPLETED audit record and the
   * ledger's COMPLETED, only while the request is still SUBMITTED.
   */
  private void complete(
      Tracked t, DispatchLedgerEntry entry, Reply reply, String reason, Counter source) {
    Instant now = clock.instant();
    CommandRequest command = entry.getCommand();
    String id = t.requestId;
    JournalEntry write =
        JournalEntry.of(
                records.audit(
                    command, AuditDecision.COMPLETED, reason, t.executionId, t.status, now))
            .withLedger(LedgerTransitions.completed(entry, t.status, reason, now))
            .onlyIf(stillSubmitted(id));
    if (reply != null) {
      write = write.with(records.replyRecord(reply));
    }
    journal
        .write(write)
        .whenCompleteAsync(
            (written, error) -> {
              if (error != null) {
                t.fallbackRunning = false;
                return;
              }
              tracked.remove(id);
              if (written) {
                source.increment();
              } else {
                duplicates.increment();
              }
            },
            worker);
  }

  private static Predicate<switchboard.dispatcher.ledger.LedgerView> stillSubmitted(String id) {
    return view -> view.get(id).map(e -> e.getState() == DispatchState.SUBMITTED).orElse(false);
  }

  /** A periodic task that throws is never run again: log instead, and go on. */
  private static Runnable guarded(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.error("results: unexpected failure, going on", e);
      }
    };
  }

  private static Counter delivered(MeterRegistry meters, String source) {
    return Counter.builder("switchboard.dispatcher.results")
        .description("Results settled: replied from an announcement or a fallback, or none wanted")
        .tag("source", source)
        .register(meters);
  }
}
