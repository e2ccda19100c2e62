package switchboard.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTallyTest {

  private static final long START = 1_000_000_000L;

  @Test
  void shouldListMissingDuplicateAndUnexpectedAnswersWhenCountsAreWrong() throws Exception {
    // Given three requests that each need an ack and a result
    RequestTally tally = new RequestTally("e2e200", List.of("ack", "result"), 3, 0, START, 200);

    // When request 0 is answered twice, request 1 once, and request 2 gets an error
    tally.answered(0, 0, START);
    tally.answered(0, 0, START);
    tally.answered(1, 0, START);
    tally.answered(0, 1, START);
    tally.unexpected(2, "ERROR reply: boom");

    // Then the books say exactly that, and the phase never settles
    RequestTally.Problems problems = tally.problems();
    assertThat(problems.missing())
        .containsExactly("ack e2e200-2", "result e2e200-1", "result e2e200-2");
    assertThat(problems.duplicates()).containsExactly("ack e2e200-0 x2");
    assertThat(problems.unexpected()).containsExactly("e2e200-2: ERROR reply: boom");
    assertThat(tally.awaitSettled(Duration.ZERO)).isFalse();
  }

  @Test
  void shouldTimeFromTheDueTimeAndSkipWarmupWhenAnswered() throws Exception {
    // Given 10 requests per second, the first two for warm-up
    RequestTally tally = new RequestTally("p", List.of("delivered"), 4, 2, START, 10);

    // When each is answered 5 ms after it was due (request i is due i * 100 ms after the start)
    for (int i = 0; i < 4; i++) {
      tally.answered(0, i, tally.dueNanos(i) + 5_000_000);
    }

    // Then only the measured two count, at 5 ms each, and the phase is settled
    assertThat(tally.latencies(0).getTotalCount()).isEqualTo(2);
    assertThat(tally.latencies(0).getMaxValue()).isBetween(4_990L, 5_010L);
    assertThat(tally.dueNanos(3)).isEqualTo(START + 300_000_000L);
    assertThat(tally.awaitSettled(Duration.ZERO)).isTrue();
    assertThat(tally.problems().none()).isTrue();
  }

  @Test
  void shouldIgnoreKeysOfOtherPhasesWhenParsing() {
    RequestTally tally = new RequestTally("e2e200", List.of("ack"), 5, 0, START, 200);

    assertThat(tally.indexOf("e2e200-4")).isEqualTo(4);
    assertThat(tally.indexOf("e2e2000-4")).isEqualTo(-1);
    assertThat(tally.indexOf("e2e200-5")).isEqualTo(-1);
    assertThat(tally.indexOf("baseline200-1")).isEqualTo(-1);
  }
}
