package switchboard.bench.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tallies of a run's phases, found by request key ({@code <phase>-<index>}), so answers that
 * come back on consumer threads reach the phase that sent them. Thread-safe.
 */
final class Tallies {

  private final Map<String, RequestTally> byPhase = new ConcurrentHashMap<>();

  void track(RequestTally tally) {
    byPhase.put(tally.phase(), tally);
  }

  /** Books answer number {@code answer} for {@code key}; keys of no tracked phase are ignored. */
  void answered(String key, int answer, long nowNanos) {
    RequestTally tally = tallyOf(key);
    if (tally != null) {
      tally.answered(answer, tally.indexOf(key), nowNanos);
    }
  }

  /** Books something {@code key} should never have got. */
  void unexpected(String key, String what) {
    RequestTally tally = tallyOf(key);
    if (tally != null) {
      tally.unexpected(tally.indexOf(key), what);
    }
  }

  private RequestTally tallyOf(String key) {
    int dash = key == null ? -1 : key.lastIndexOf('-');
    RequestTally tally = dash < 0 ? null : byPhase.get(key.substring(0, dash));
    return tally != null && tally.indexOf(key) >= 0 ? tally : null;
  }
}
