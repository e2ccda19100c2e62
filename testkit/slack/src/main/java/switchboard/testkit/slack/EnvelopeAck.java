package switchboard.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An acknowledgement the app sent over Socket Mode: {@code {"envelope_id":"..."}}.
 *
 * @param envelopeId the envelope acknowledged
 * @param connectionId the connection the ack arrived on
 * @param payload the optional response {@code payload}, or null
 */
public record EnvelopeAck(String envelopeId, String connectionId, JsonNode payload) {}
