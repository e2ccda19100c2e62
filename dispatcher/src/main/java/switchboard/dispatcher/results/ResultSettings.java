package switchboard.dispatcher.results;

import java.time.Duration;

/**
 * How results are followed.
 *
 * @param notificationRoute the route whose announcements carry Switchboard's results
 * @param grace how long after an execution ended its announcement may take before StackStorm is
 *     asked to render the result itself
 * @param reconcileInterval how often every execution in flight is checked through the REST API,
 *     besides after every stream reconnect
 * @param formatTimeout how long {@code chatops.format_execution_result} may take
 */
public record ResultSettings(
    String notificationRoute, Duration grace, Duration reconcileInterval, Duration formatTimeout) {}
