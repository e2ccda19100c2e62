package switchboard.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateSearchTest {

  /** A target whose ack p99 stays at 5 ms up to {@code capacity} and explodes past it. */
  private static PhaseResult phaseAt(int rate, int capacity) {
    double p99 = rate <= capacity ? 5 : 500;
    return new PhaseResult(
        "max" + rate,
        rate,
        rate,
        rate,
        Map.of("ack", new Latency(rate, 1, 2, p99, p99)),
        Map.of(),
        new ProcessMeter.Usage(1, Map.of(), 1, 0, 0, 0),
        new RequestTally.Problems(0, List.of(), 0, List.of(), 0, List.of()));
  }

  @Test
  void shouldFindTheCapacityWithinATenthWhenTheBoundBreaksPastIt() throws Exception {
    // Given a target that keeps its bound up to 3,000 requests per second
    RateSearch search = new RateSearch(200, 20_000);

    // When searching from 200/s
    RateSearch.Outcome outcome =
        search.search(rate -> phaseAt(rate, 3_000), step -> step.first().p99() <= 100);

    // Then the answer passed, and is within a tenth of the capacity
    assertThat(outcome.maxRate()).isLessThanOrEqualTo(3_000).isGreaterThanOrEqualTo(2_700);
    assertThat(outcome.steps()).extracting(PhaseResult::rate).startsWith(200, 400, 800, 1600, 3200);
  }

  @Test
  void shouldStopAtTheMaximumRateWhenEveryRatePasses() throws Exception {
    RateSearch.Outcome outcome =
        new RateSearch(1_000, 5_000)
            .search(rate -> phaseAt(rate, 100_000), step -> step.first().p99() <= 100);

    assertThat(outcome.maxRate()).isEqualTo(5_000);
    assertThat(outcome.steps())
        .extracting(PhaseResult::rate)
        .containsExactly(1000, 2000, 4000, 5000);
  }

  @Test
  void shouldAnswerZeroWhenNoRatePasses() throws Exception {
    RateSearch.Outcome outcome =
        new RateSearch(100, 1_000).search(rate -> phaseAt(rate, 0), step -> false);

    assertThat(outcome.maxRate()).isZero();
  }
}
