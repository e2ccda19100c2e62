package switchboard.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;
import switchboard.schemas.ReasonCode;

/** The bytes of a record could not be turned into the expected Avro record. */
public final class RecordDecodingException extends SerializationException {

  private final ReasonCode reason;

  public RecordDecodingException(ReasonCode reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** UNDECODABLE or UNKNOWN_SCHEMA. */
  public ReasonCode reason() {
    return reason;
  }
}
