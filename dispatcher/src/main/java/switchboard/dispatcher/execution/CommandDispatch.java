package switchboard.dispatcher.execution;

import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.dispatcher.aliases.AliasCatalogue;
import switchboard.dispatcher.calls.StackStormCalls;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.dispatcher.ledger.DispatchJournal;
import switchboard.dispatcher.ledger.JournalEntry;
import switchboard.dispatcher.ledger.Ledger;
import switchboard.dispatcher.ledger.LedgerTransitions;
import switchboard.dispatcher.stackstorm.AliasExecutionRequest;
import switchboard.dispatcher.stackstorm.AliasExecutionResponse;
import switchboard.dispatcher.stackstorm.Execution;
import switchboard.dispatcher.stackstorm.ExecutionQuery;
import switchboard.dispatcher.stackstorm.StackStormAuthFailed;
import switchboard.dispatcher.stackstorm.StackStormException;
import switchboard.dispatcher.stackstorm.StackStormRejected;
import switchboard.records.AuditDecision;
import switchboard.records.CommandRequest;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;
import switchboard.records.Reply;

/**
 * Takes one command at a time from the consumer and sees it through StackStorm exactly once
 * (DESIGN.md beside this package tells the whole story):
 *
 * <ol>
 *   <li>The ledger decides: a request already SUBMITTED, REJECTED, COMPLETED or ABANDONED is a
 *       duplicate and only settles; a PENDING one may have reached StackStorm before a crash, so
 *       its execution is looked for (by the request id in {@code source_context}) before anything
 *       is sent; a new one gets PENDING written, and acknowledged by the broker, before the call.
 *   <li>{@code POST /api/v1/aliasexecution} runs on a bounded executor, so one slow call never
 *       holds up other conversations. An unavailable StackStorm (connection refused, 5xx, 429, the
 *       breaker open) is retried with backoff; the user is told once that the command is queued;
 *       every retry first looks for the execution again, since a timed-out call may have run.
 *   <li>The outcome goes to the {@link DispatchJournal} in one transaction with the command's
 *       offset: SUBMITTED with the ack, an ExecutionUpdate and an EXECUTED audit record; REJECTED
 *       with StackStorm's faultstring as an ERROR reply and a REJECTED_BY_STACKSTORM audit record;
 *       ABANDONED with a reply saying so after the give-up deadline.
 * </ol>
 *
 * Thread-safe: commands arrive on the poll thread, calls run on the call executor, retries wait on
 * the scheduler, outcomes complete on the journal's thread.
 */
public final class CommandDispatch {

  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatch.class);

  /** st2's page size: reconciliation reads the newest executions of the action since PENDING. */
  private static final int RECONCILE_PAGE = 100;

  private sealed interface Outcome permits Accepted, Found, Refused {}

  private record Accepted(AliasExecutionResponse response) implements Outcome {}

  private record Found(Execution execution) implements Outcome {}

  private record Refused(StackStormRejected rejection) implements Outcome {}

  private final BuiltInCommands builtIns;
  private final StackStormCalls stackStorm;
  private final DispatchJournal journal;
  private final Ledger ledger;
  private final CommandRecords records;
  private final CommandReplies replies;
  private final AliasCatalogue catalogue;
  private final DispatchSettings settings;
  private final ExecutorService calls;
  private final ScheduledExecutorService retries;
  private final SubmissionObserver observer;
  private final Consumer<Throwable> fatal;
  private final Clock clock;
  private final Map<String, Run> runs = new HashMap<>();
  private final Map<String, Counter> outcomes = new HashMap<>();
  private final Counter retried;
  private final Counter queued;
  private volatile boolean stopped;

  /**
   * @param calls the bounded executor StackStorm calls block on
   * @param retries where waits between attempts are scheduled
   * @param fatal told when StackStorm refuses the dispatcher's own credentials: broken for everyone
   */
  public CommandDispatch(
      BuiltInCommands builtIns,
      StackStormCalls stackStorm,
      DispatchJournal journal,
      Ledger ledger,
      CommandRecords records,
      AliasCatalogue catalogue,
      DispatchSettings settings,
      ExecutorService calls,
      ScheduledExecutorService retries,
      SubmissionObserver observer,
      Consumer<Throwable> fatal,
      MeterRegistry meters,
      Clock clock) {
    this.builtIns = builtIns;
    this.stackStorm = stackStorm;
    this.journal = journal;
    this.ledger = ledger;
    this.records = records;
    this.replies = new CommandReplies(records);
    this.catalogue = catalogue;
    this.settings = settings;
    this.calls = calls;
    this.retries = retries;
    this.observer = observer;
    this.fatal = fatal;
    this.clock = clock;
    for (String outcome : List.of("executed", "rejected", "abandoned", "duplicate", "built-in")) {
      outcomes.put(
          outcome,
          Counter.builder("switchboard.dispatcher.commands")
              .description("Commands settled, by outcome")
              .tag("outcome", outcome)
              .register(meters));
    }
    this.retried =
        Counter.builder("switchboard.dispatcher.commands.retried")
            .description("Attempts repeated because StackStorm was unavailable")
            .register(meters);
    this.queued =
        Counter.builder("switchboard.dispatcher.commands.queued")
            .description("Commands whose user was told they wait for StackStorm")
            .register(meters);
    Gauge.builder("switchboard.dispatcher.commands.inflight", this, CommandDispatch::inFlight)
        .description("Commands read and not yet settled")
        .register(meters);
  }

  /**
   * Sees one command through. {@code settle} runs when the command's outcome joins a journal
   * transaction, so its offset commits with it; a released command never settles and is read again.
   */
  public void dispatch(CommandRequest command, TopicPartition partition, Runnable settle) {
    Optional<Reply> answer = builtIns.answer(command);
    if (answer.isPresent()) {
      journal.write(JournalEntry.of(records.replyRecord(answer.get())).settling(List.of(settle)));
      outcomes.get("built-in").increment();
      return;
    }
    String id = command.getRequestId();
    Run current;
    synchronized (runs) {
      current = runs.get(id);
    }
    if (current != null) {
      // The same request twice in a row: it settles with the first, or is decided again once the
      // first is written (then as a duplicate).
      if (!current.join(settle)) {
        current.done.thenAccept(
            released -> {
              if (!released) {
                dispatch(command, partition, settle);
              }
            });
      }
      return;
    }
    Instant now = clock.instant();
    Optional<DispatchLedgerEntry> entry = ledger.get(id);
    switch (LedgerTransitions.decide(entry)) {
      case SKIP:
        skip(command, entry.get(), settle, now);
        return;
      case RECONCILE:
        DispatchLedgerEntry pending = entry.get();
        LOG.info("request {} was PENDING: looking for its execution before sending it", id);
        start(
            register(
                new Run(
                    command,
                    partition,
                    settle,
                    now,
                    pending.getUpdatedAt(),
                    pending.getAttempts(),
                    true,
                    LedgerTransitions.toldQueued(pending))));
        return;
      default:
        Run run = register(new Run(command, partition, settle, now, now, 0, false, false));
        journal
            .write(JournalEntry.of().withLedger(LedgerTransitions.pending(command, 0, now)))
            .whenComplete(
                (written, error) -> {
                  if (error != null) {
                    // The journal failed or aborted: the consumer goes back and reads it again.
                    forget(run, true);
                  } else {
                    start(run);
                  }
                });
    }
  }

  /** Commands read and not yet settled. */
  public int inFlight() {
    synchronized (runs) {
      return runs.size();
    }
  }

  /**
   * Gives up the commands of these partitions (rebalance, aborted transaction, close): no new
   * attempt starts, and a call already under way is waited for (at most {@code timeout}) until its
   * outcome is written, so whoever reads the commands next finds it in the ledger instead of
   * sending them again.
   */
  public void release(Collection<TopicPartition> partitions, Duration timeout) {
    List<Run> affected;
    synchronized (runs) {
      affected = runs.values().stream().filter(r -> partitions.contains(r.partition)).toList();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Run run : affected) {
      run.cancelAndAwait(deadline);
    }
    synchronized (runs) {
      affected.forEach(r -> runs.remove(r.id(), r));
    }
    affected.forEach(r -> r.done.complete(true));
  }

  /** Stops at once, as a crash would: nothing more is written. */
  public void halt() {
    stopped = true;
  }

  private Run register(Run run) {
    synchronized (runs) {
      runs.put(run.id(), run);
    }
    return run;
  }

  private void skip(
      CommandRequest command, DispatchLedgerEntry entry, Runnable settle, Instant now) {
    String reason =
        "already "
            + entry.getState()
            + (entry.getExecutionId() == null ? "" : " as execution " + entry.getExecutionId())
            + "; not sent to StackStorm again";
    LOG.info("request {} {}", command.getRequestId(), reason);
    journal
        .write(
            JournalEntry.of(
                    records.audit(
                        command,
                        AuditDecision.DUPLICATE,
                        reason,
                        entry.getExecutionId(),
                        entry.getExecutionStatus(),
                        now))
                .settling(List.of(settle)))
        .thenRun(() -> outcomes.get("duplicate").increment());
  }

  private void start(Run run) {
    Retry retry = stackStorm.retryUntil("command " + run.id(), run.deadline);
    retry.getEventPublisher().onRetry(event -> retrying(run, event.getLastThrowable()));
    retry
        .executeCompletionStage(
            retries, () -> CompletableFuture.supplyAsync(() -> attempt(run), calls))
        .whenComplete((outcome, error) -> finish(run, outcome, error));
  }

  /** One attempt, on the call executor: look for the execution if it may exist, else send it. */
  private Outcome attempt(Run run) {
    if (!run.begin()) {
      throw new CancellationException("released");
    }
    boolean decided = false;
    try {
      if (run.mayHaveRun) {
        Optional<Execution> found = find(run);
        if (found.isPresent()) {
          decided = true;
          return new Found(found.get());
        }
      }
      // From here on the command may reach StackStorm, whatever this call reports.
      run.mayHaveRun = true;
      try {
        AliasExecutionResponse response = stackStorm.executeAlias(request(run.command));
        run.attempts++;
        observer.accepted(run.command);
        decided = true;
        return new Accepted(response);
      } catch (StackStormRejected e) {
        run.attempts++;
        decided = true;
        return new Refused(e);
      } catch (StackStormException e) {
        run.attempts++;
        throw e;
      }
    } finally {
      if (!decided) {
        run.idle();
      }
    }
  }

  /**
   * The execution StackStorm created for this request, if any: the newest executions of its action
   * since the request went PENDING, matched by the request id in their {@code source_context}
   * (StackStorm cannot filter on it, contract §5).
   */
  private Optional<Execution> find(Run run) {
    String id = run.id();
    Instant since = run.since.minus(settings.reconcileLookback());
    List<Execution> recent =
        stackStorm.listExecutions(
            new ExecutionQuery(run.command.getActionRef(), null, since, RECONCILE_PAGE));
    Optional<Execution> found =
        recent.stream().filter(e -> e.requestId().filter(id::equals).isPresent()).findFirst();
    if (found.isPresent()) {
      LOG.info("request {} already runs as execution {}: not sent again", id, found.get().id());
    } else if (recent.size() >= RECONCILE_PAGE) {
      LOG.warn(
          "request {}: {} or more executions of {} since {}; its own may be beyond the page",
          id,
          RECONCILE_PAGE,
          run.command.getActionRef(),
          since);
    }
    return found;
  }

  private AliasExecutionRequest request(CommandRequest command) {
    return new AliasExecutionRequest(
        command.getAliasName(),
        command.getRepresentation(),
        command.getCommand(),
        SourceContexts.user(command),
        SourceContexts.sourceChannel(command),
        settings.notificationRoute(),
        command.getRequestId(),
        SourceContexts.of(command));
  }

  /** A transient failure; another attempt follows. The user hears about it once. */
  private void retrying(Run run, Throwable error) {
    retried.increment();
    String reason = reason(error);
    LOG.info("StackStorm unavailable for request {} ({}); retrying", run.id(), reason);
    if (run.toldQueued) {
      return;
    }
    run.toldQueued = true;
    Instant now = clock.instant();
    String id = run.id();
    journal
        .write(
            JournalEntry.of(
                    records.replyRecord(replies.queued(run.command, settings.giveUpAfter(), now)))
                .withLedger(LedgerTransitions.queued(run.command, run.attempts, reason, now))
                .onlyIf(
                    view ->
                        view.get(id).map(e -> e.getState() == DispatchState.PENDING).orElse(false)))
        .thenAccept(
            told -> {
              if (told) {
                queued.increment();
              }
            });
  }

  private void finish(Run run, Outcome outcome, Throwable error) {
    Throwable cause = error == null ? null : StackStormCalls.unwrap(error);
    if (stopped
        || cause instanceof CancellationException
        || cause instanceof RejectedExecutionException) {
      forget(run, true);
      return;
    }
    if (cause instanceof StackStormAuthFailed) {
      forget(run, true);
      fatal.accept(cause);
      return;
    }
    if (!run.decide()) {
      forget(run, true);
      return;
    }
    Instant now = clock.instant();
    JournalEntry entry;
    String counted;
    if (outcome instanceof Accepted accepted) {
      Execution execution = accepted.response().execution();
      entry =
          submitted(
              run,
              execution,
              AckSource.of(accepted.response()),
              "StackStorm accepted it as execution " + execution.id(),
              now);
      counted = "executed";
    } else if (outcome instanceof Found found) {
      entry =
          submitted(
              run,
              found.execution(),
              AckSource.reconciled(found.execution(), catalogue.find(run.command.getAliasRef())),
              "found running as execution "
                  + found.execution().id()
                  + " after a restart; not sent again",
              now);
      counted = "executed";
    } else if (outcome instanceof Refused refused) {
      entry = rejected(run, refused.rejection().faultstring(), now);
      counted = "rejected";
    } else {
      if (!StackStormCalls.isTransient(cause)) {
        LOG.error("request {} failed unexpectedly", run.id(), cause);
      }
      entry = abandoned(run, reason(cause), now);
      counted = "abandoned";
    }
    journal
        .write(entry.settling(run.settlements()))
        .whenComplete(
            (written, writeError) -> {
              forget(run, writeError != null);
              if (writeError == null) {
                outcomes.get(counted).increment();
              }
            });
  }

  private JournalEntry submitted(
      Run run, Execution execution, AckSource ack, String reason, Instant now) {
    CommandRequest command = run.command;
    return JournalEntry.of(
            records.executionUpdate(
                command,
                execution.id(),
                execution.status(),
                execution.isTerminal(),
                execution.webUrl(),
                now),
            records.audit(
                command, AuditDecision.EXECUTED, reason, execution.id(), execution.status(), now))
        .withAll(replies.ack(command, ack, now).map(records::replyRecord).stream().toList())
        .withLedger(
            LedgerTransitions.submitted(
                command,
                run.attempts,
                execution.id(),
                execution.status(),
                execution.webUrl(),
                now));
  }

  private JournalEntry rejected(Run run, String faultstring, Instant now) {
    CommandRequest command = run.command;
    LOG.info("StackStorm refused request {}: {}", run.id(), faultstring);
    return JournalEntry.of(
            records.replyRecord(replies.rejected(command, faultstring, now)),
            records.audit(
                command, AuditDecision.REJECTED_BY_STACKSTORM, faultstring, null, null, now))
        .withLedger(LedgerTransitions.rejected(command, run.attempts, faultstring, now));
  }

  private JournalEntry abandoned(Run run, String reason, Instant now) {
    CommandRequest command = run.command;
    Duration waited = Duration.between(run.started, now);
    LOG.warn("gave up on request {} after {}: {}", run.id(), waited, reason);
    return JournalEntry.of(
            records.replyRecord(replies.gaveUp(command, reason, waited, now)),
            records.audit(
                command,
                AuditDecision.ERROR,
                "gave up after " + waited + ": " + reason,
                null,
                null,
                now))
        .withLedger(LedgerTransitions.abandoned(command, run.attempts, reason, now));
  }

  private void forget(Run run, boolean released) {
    run.idle();
    synchronized (runs) {
      runs.remove(run.id(), run);
    }
    run.done.complete(released);
  }

  private static String reason(Throwable error) {
    Throwable cause = error == null ? null : StackStormCalls.unwrap(error);
    if (cause == null) {
      return "unknown";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /**
   * One command on its way through StackStorm. Its lock guards joining, cancelling and the busy
   * flag; the attempt fields are touched by one attempt at a time.
   */
  private final class Run {
    final CommandRequest command;
    final TopicPartition partition;
    final Instant started;
    final Instant deadline;

    /** Completes when the run is over: true when released (the command is read again). */
    final CompletableFuture<Boolean> done = new CompletableFuture<>();

    private final List<Runnable> settlements = new ArrayList<>();
    private boolean decided;
    private boolean cancelled;
    private boolean busy;

    volatile Instant since;
    volatile int attempts;
    volatile boolean mayHaveRun;
    volatile boolean toldQueued;

    Run(
        CommandRequest command,
        TopicPartition partition,
        Runnable settle,
        Instant started,
        Instant since,
        int attempts,
        boolean mayHaveRun,
        boolean toldQueued) {
      this.command = command;
      this.partition = partition;
      this.settlements.add(settle);
      this.started = started;
      this.deadline = started.plus(settings.giveUpAfter());
      this.since = since;
      this.attempts = attempts;
      this.mayHaveRun = mayHaveRun;
      this.toldQueued = toldQueued;
    }

    String id() {
      return command.getRequestId();
    }

    /** Another read of the same request settles with this one, unless its outcome is decided. */
    synchronized boolean join(Runnable settle) {
      if (decided || cancelled) {
        return false;
      }
      settlements.add(settle);
      return true;
    }

    /** An attempt starts, unless the run was released. */
    synchronized boolean begin() {
      if (cancelled) {
        return false;
      }
      busy = true;
      return true;
    }

    /** The outcome is chosen; false when the run was released while waiting between attempts. */
    synchronized boolean decide() {
      if (cancelled && !busy) {
        return false;
      }
      busy = true;
      decided = true;
      return true;
    }

    synchronized List<Runnable> settlements() {
      return List.copyOf(settlements);
    }

    synchronized void idle() {
      busy = false;
      notifyAll();
    }

    synchronized void cancelAndAwait(long deadlineNanos) {
      cancelled = true;
      while (busy) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          LOG.warn("request {} still calling StackStorm; released anyway", id());
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
