package switchboard.schemas.serde;

import switchboard.schemas.ReasonCode;

/**
 * The outcome of reading one record's bytes. Topologies consume raw bytes and split on this, so an
 * unreadable record becomes a dead letter instead of stopping the application.
 */
public sealed interface DecodeResult<V> {

  record Decoded<V>(V value) implements DecodeResult<V> {}

  record Undecodable<V>(ReasonCode reason, String message) implements DecodeResult<V> {}
}
