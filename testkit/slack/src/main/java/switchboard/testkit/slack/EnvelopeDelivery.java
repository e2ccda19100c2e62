package switchboard.testkit.slack;

/**
 * One send of a Socket Mode envelope to one connection.
 *
 * @param envelopeId the envelope's id, the same on every redelivery
 * @param type events_api, interactive or slash_commands
 * @param connectionId the connection it was written to
 * @param retryAttempt 0 for the first send, then 1, 2, ...
 */
public record EnvelopeDelivery(
    String envelopeId, String type, String connectionId, int retryAttempt) {}
