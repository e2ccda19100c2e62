package switchboard.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The highest rate a target sustains: doubles the rate from a start until a phase fails, then
 * halves the interval between the last rate that passed and the first that failed until it is
 * within a tenth of the passing rate.
 *
 * @param startRate the first rate tried
 * @param maxRate no rate above this is tried
 */
record RateSearch(int startRate, int maxRate) {

  /** Runs one phase at a rate. */
  interface Trial {
    PhaseResult run(int rate) throws InterruptedException;
  }

  /** The search's answer: the highest passing rate (0 when none passed) and every phase run. */
  record Outcome(int maxRate, List<PhaseResult> steps) {}

  /** The smallest interval worth another phase, in requests per second. */
  private static final int RESOLUTION = 25;

  RateSearch {
    if (startRate < 1 || maxRate < startRate) {
      throw new IllegalArgumentException("need 1 <= start rate <= max rate");
    }
  }

  Outcome search(Trial trial, Predicate<PhaseResult> passes) throws InterruptedException {
    List<PhaseResult> steps = new ArrayList<>();
    int passed = 0;
    int failed = 0;
    for (int rate = startRate; failed == 0; rate = Math.min(maxRate, rate * 2)) {
      PhaseResult step = trial.run(rate);
      steps.add(step);
      if (!passes.test(step)) {
        failed = rate;
      } else {
        passed = rate;
        if (rate == maxRate) {
          return new Outcome(passed, steps);
        }
      }
    }
    while (failed - passed > Math.max(RESOLUTION, passed / 10)) {
      int rate = (passed + failed) / 2;
      PhaseResult step = trial.run(rate);
      steps.add(step);
      if (passes.test(step)) {
        passed = rate;
      } else {
        failed = rate;
      }
    }
    return new Outcome(passed, steps);
  }
}
