package switchboard.bench.e2e;

import java.util.List;

/** Something that answers requests: the Switchboard pipeline, or the raw Kafka baseline. */
interface LoadTarget {

  /** The answers every request must get, once each, in the order they are expected. */
  List<String> answers();

  /** From now on, answers to requests of {@code tally}'s phase are booked there. */
  void track(RequestTally tally);

  /**
   * Sends request {@code index} of {@code tally} without waiting for it to be delivered; a failure
   * to send is booked as unexpected.
   */
  void send(RequestTally tally, int index);
}
