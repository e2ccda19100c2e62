package switchboard.dispatcher.ledger;

import java.time.Instant;
import java.util.Optional;
import switchboard.records.CommandRequest;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;

/**
 * The dispatch ledger's state machine, pure: what a command read from {@code chatops.commands}
 * needs given its ledger entry, the entries each step writes, and which of two entries for one
 * request is the newer.
 *
 * <pre>
 *   (none) ──► PENDING ──► SUBMITTED ──► COMPLETED
 *                 │  ▲          (result replied)
 *                 │  └ queued notice, attempts
 *                 ├──► REJECTED  (StackStorm answered 4xx)
 *                 └──► ABANDONED (StackStorm unavailable past the deadline)
 * </pre>
 */
public final class LedgerTransitions {

  /** The {@code detail} prefix of a PENDING entry whose user was told the command is queued. */
  static final String QUEUED = "queued: ";

  private LedgerTransitions() {}

  /** What to do with a command, decided by its ledger entry alone. */
  public enum Decision {
    /** No entry: write PENDING, then call StackStorm. */
    DISPATCH,
    /**
     * PENDING: a call may have reached StackStorm before a crash. Look for the execution by request
     * id before anything is sent again.
     */
    RECONCILE,
    /** SUBMITTED, REJECTED, COMPLETED or ABANDONED: StackStorm has had it; never send it again. */
    SKIP
  }

  public static Decision decide(Optional<DispatchLedgerEntry> entry) {
    if (entry.isEmpty()) {
      return Decision.DISPATCH;
    }
    return entry.get().getState() == DispatchState.PENDING ? Decision.RECONCILE : Decision.SKIP;
  }

  /** About to call StackStorm; written, and acknowledged by the broker, before the call. */
  public static DispatchLedgerEntry pending(CommandRequest command, int attempts, Instant now) {
    return entry(command, DispatchState.PENDING, attempts, now).build();
  }

  /** Still PENDING, and the user has been told the command is queued (so never twice). */
  public static DispatchLedgerEntry queued(
      CommandRequest command, int attempts, String reason, Instant now) {
    return entry(command, DispatchState.PENDING, attempts, now).setDetail(QUEUED + reason).build();
  }

  /** Whether the user of a PENDING command was already told it is queued. */
  public static boolean toldQueued(DispatchLedgerEntry entry) {
    return entry.getDetail() != null && entry.getDetail().startsWith(QUEUED);
  }

  /** StackStorm created the execution. */
  public static DispatchLedgerEntry submitted(
      CommandRequest command,
      int attempts,
      String executionId,
      String status,
      String webUrl,
      Instant now) {
    return entry(command, DispatchState.SUBMITTED, attempts, now)
        .setExecutionId(executionId)
        .setExecutionStatus(status)
        .setWebUrl(webUrl)
        .build();
  }

  /** A SUBMITTED entry with the execution's latest status. */
  public static DispatchLedgerEntry statusSeen(
      DispatchLedgerEntry entry, String status, Instant now) {
    return DispatchLedgerEntry.newBuilder(entry)
        .setExecutionStatus(status)
        .setUpdatedAt(now)
        .build();
  }

  /** StackStorm refused the command (4xx); {@code faultstring} verbatim. */
  public static DispatchLedgerEntry rejected(
      CommandRequest command, int attempts, String faultstring, Instant now) {
    return entry(command, DispatchState.REJECTED, attempts, now).setDetail(faultstring).build();
  }

  /** Given up: StackStorm stayed unavailable past the deadline. */
  public static DispatchLedgerEntry abandoned(
      CommandRequest command, int attempts, String reason, Instant now) {
    return entry(command, DispatchState.ABANDONED, attempts, now).setDetail(reason).build();
  }

  /** The one result of the request was replied (or the alias wants none). */
  public static DispatchLedgerEntry completed(
      DispatchLedgerEntry entry, String status, String detail, Instant now) {
    return DispatchLedgerEntry.newBuilder(entry)
        .setState(DispatchState.COMPLETED)
        .setExecutionStatus(status == null ? entry.getExecutionStatus() : status)
        .setDetail(detail)
        .setUpdatedAt(now)
        .build();
  }

  /**
   * Whether {@code incoming} replaces {@code current} for the same request. States only move
   * forward (PENDING, then SUBMITTED, then a final state), so replaying the compacted topic, or
   * reading back an entry this instance already applied, never takes a request backwards; within a
   * state the later update wins.
   */
  public static boolean supersedes(DispatchLedgerEntry incoming, DispatchLedgerEntry current) {
    int byRank = Integer.compare(rank(incoming.getState()), rank(current.getState()));
    if (byRank != 0) {
      return byRank > 0;
    }
    return !incoming.getUpdatedAt().isBefore(current.getUpdatedAt());
  }

  /** Whether nothing more happens to the request: REJECTED, COMPLETED or ABANDONED. */
  public static boolean isFinal(DispatchState state) {
    return rank(state) == 2;
  }

  private static int rank(DispatchState state) {
    switch (state) {
      case PENDING:
        return 0;
      case SUBMITTED:
        return 1;
      default:
        return 2;
    }
  }

  private static DispatchLedgerEntry.Builder entry(
      CommandRequest command, DispatchState state, int attempts, Instant now) {
    return DispatchLedgerEntry.newBuilder()
        .setRequestId(command.getRequestId())
        .setState(state)
        .setCommand(command)
        .setAttempts(attempts)
        .setUpdatedAt(now);
  }
}
