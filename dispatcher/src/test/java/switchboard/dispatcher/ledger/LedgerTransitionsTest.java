package switchboard.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import switchboard.dispatcher.Commands;
import switchboard.dispatcher.ledger.LedgerTransitions.Decision;
import switchboard.records.CommandRequest;
import switchboard.records.DispatchLedgerEntry;
import switchboard.records.DispatchState;

class LedgerTransitionsTest {

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  static final CommandRequest COMMAND = Commands.greet("req-1", "hello");

  static final DispatchLedgerEntry PENDING = LedgerTransitions.pending(COMMAND, 0, T0);
  static final DispatchLedgerEntry SUBMITTED =
      LedgerTransitions.submitted(
          COMMAND, 1, "5f00", "requested", "https://st2/#/h", T0.plusSeconds(1));

  @Test
  void shouldSendANewCommandReconcileAPendingOneAndSkipTheRest() {
    assertThat(LedgerTransitions.decide(Optional.empty())).isEqualTo(Decision.DISPATCH);
    assertThat(LedgerTransitions.decide(Optional.of(PENDING))).isEqualTo(Decision.RECONCILE);
    assertThat(LedgerTransitions.decide(Optional.of(SUBMITTED))).isEqualTo(Decision.SKIP);
    assertThat(
            LedgerTransitions.decide(
                Optional.of(LedgerTransitions.rejected(COMMAND, 1, "nope", T0))))
        .isEqualTo(Decision.SKIP);
    assertThat(
            LedgerTransitions.decide(
                Optional.of(LedgerTransitions.abandoned(COMMAND, 3, "down", T0))))
        .isEqualTo(Decision.SKIP);
    assertThat(
            LedgerTransitions.decide(
                Optional.of(LedgerTransitions.completed(SUBMITTED, "succeeded", "ok", T0))))
        .isEqualTo(Decision.SKIP);
  }

  @Test
  void shouldKeepTheExecutionAndCommandThroughTheStates() {
    DispatchLedgerEntry running =
        LedgerTransitions.statusSeen(SUBMITTED, "running", T0.plusSeconds(2));
    DispatchLedgerEntry completed =
        LedgerTransitions.completed(running, "succeeded", "replied", T0.plusSeconds(3));

    assertThat(SUBMITTED.getState()).isEqualTo(DispatchState.SUBMITTED);
    assertThat(running.getState()).isEqualTo(DispatchState.SUBMITTED);
    assertThat(running.getExecutionStatus()).isEqualTo("running");
    assertThat(completed.getState()).isEqualTo(DispatchState.COMPLETED);
    assertThat(completed.getExecutionId()).isEqualTo("5f00");
    assertThat(completed.getExecutionStatus()).isEqualTo("succeeded");
    assertThat(completed.getWebUrl()).isEqualTo("https://st2/#/h");
    assertThat(completed.getCommand()).isEqualTo(COMMAND);
    assertThat(completed.getAttempts()).isEqualTo(1);
  }

  @Test
  void shouldRememberThatTheUserWasToldTheCommandIsQueued() {
    DispatchLedgerEntry queued = LedgerTransitions.queued(COMMAND, 1, "HTTP 503", T0);

    assertThat(queued.getState()).isEqualTo(DispatchState.PENDING);
    assertThat(LedgerTransitions.toldQueued(queued)).isTrue();
    assertThat(LedgerTransitions.toldQueued(PENDING)).isFalse();
  }

  @Test
  void shouldOnlyEverMoveForward() {
    DispatchLedgerEntry completed =
        LedgerTransitions.completed(SUBMITTED, "succeeded", "ok", T0.plusSeconds(5));
    DispatchLedgerEntry laterStatus =
        LedgerTransitions.statusSeen(SUBMITTED, "running", T0.plusSeconds(9));

    assertThat(LedgerTransitions.supersedes(SUBMITTED, PENDING)).isTrue();
    assertThat(LedgerTransitions.supersedes(PENDING, SUBMITTED)).isFalse();
    assertThat(LedgerTransitions.supersedes(completed, SUBMITTED)).isTrue();
    // A status update written before COMPLETED but read back after it never reopens the request.
    assertThat(LedgerTransitions.supersedes(laterStatus, completed)).isFalse();
    assertThat(LedgerTransitions.supersedes(laterStatus, SUBMITTED)).isTrue();
    assertThat(LedgerTransitions.isFinal(DispatchState.REJECTED)).isTrue();
    assertThat(LedgerTransitions.isFinal(DispatchState.SUBMITTED)).isFalse();
  }

  @Test
  void shouldMergeIntoTheLedgerWhicheverSourceDeliversFirst() {
    Ledger ledger = new Ledger();
    DispatchLedgerEntry completed =
        LedgerTransitions.completed(SUBMITTED, "succeeded", "ok", T0.plusSeconds(5));

    assertThat(ledger.merge(completed)).isTrue();
    assertThat(ledger.merge(PENDING)).isFalse();
    assertThat(ledger.merge(SUBMITTED)).isFalse();

    assertThat(ledger.state("req-1")).contains(DispatchState.COMPLETED);
    assertThat(ledger.inState(DispatchState.COMPLETED)).containsExactly(completed);
    assertThat(ledger.inState(DispatchState.SUBMITTED)).isEmpty();
  }
}
