package switchboard.testkit.stackstorm;

import java.util.Random;

/**
 * Decides which announcements the double "loses", as a stopped chatops rule, a failed {@code
 * post_result} workflow or a stream gap would (contract §6, §7). Thread-safe.
 */
final class AnnouncementLoss {

  private int next;
  private double probability;
  private Random random = new Random(0);

  /** Loses the next {@code count} announcements, then none. */
  synchronized void next(int count) {
    this.next = count;
  }

  /** Loses each announcement with {@code p}, drawn from a generator seeded with {@code seed}. */
  synchronized void probability(double p, long seed) {
    this.probability = p;
    this.random = new Random(seed);
  }

  synchronized void none() {
    this.next = 0;
    this.probability = 0;
  }

  /** Whether to lose the announcement at hand. */
  synchronized boolean loseThis() {
    if (next > 0) {
      next--;
      return true;
    }
    return probability > 0 && random.nextDouble() < probability;
  }
}
