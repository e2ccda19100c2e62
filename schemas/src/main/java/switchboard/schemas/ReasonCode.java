package switchboard.schemas;

/**
 * Why a record went to the dead-letter topic. The strings are stable: users see them in dead
 * letters, metrics and alerts.
 */
public enum ReasonCode {
  /** The bytes are not a Switchboard record: wrong magic byte, truncated, not Avro. */
  UNDECODABLE,
  /** The value names a schema id the registry does not know. */
  UNKNOWN_SCHEMA,
  /** The record decoded but breaks the contract (missing key, impossible field value). */
  INVALID,
  /** Processing threw an unexpected error for this record. */
  PROCESSING_FAILED,
  /** A reply could not be delivered to chat after every retry. */
  DELIVERY_FAILED,
  /** A reply names a connector instance that does not run here. */
  UNKNOWN_CONNECTOR,
  /** A provider payload a connector could not map to a chat event. */
  UNREADABLE_PAYLOAD
}
