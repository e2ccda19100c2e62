package switchboard.dispatcher.execution;

import java.time.Duration;

/**
 * How commands go to StackStorm.
 *
 * @param notificationRoute the dot-free route StackStorm announces results on (contract §6, §7)
 * @param giveUpAfter how long a command may wait for an unavailable StackStorm before it is
 *     abandoned with a reply saying so
 * @param reconcileLookback how far before a PENDING entry's time reconciliation looks for its
 *     execution, to allow for clocks that differ between here and StackStorm
 * @param shutdownTimeout how long closing, or giving up partitions, waits for calls in progress
 */
public record DispatchSettings(
    String notificationRoute,
    Duration giveUpAfter,
    Duration reconcileLookback,
    Duration shutdownTimeout) {}
