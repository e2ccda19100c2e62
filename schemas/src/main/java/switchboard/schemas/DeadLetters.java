package switchboard.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import switchboard.records.DeadLetter;

/** Builds {@link DeadLetter} records with the origin of what could not be read. */
public final class DeadLetters {

  private DeadLetters() {}

  /**
   * A dead letter for a record read from Kafka.
   *
   * @param key key bytes as read, may be null
   * @param value value bytes as read, may be null
   */
  public static DeadLetter of(
      String component,
      String sourceTopic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      ReasonCode reason,
      String message,
      Instant time) {
    return DeadLetter.newBuilder()
        .setSourceTopic(sourceTopic)
        .setPartition(partition)
        .setOffset(offset)
        .setComponent(component)
        .setReasonCode(reason.name())
        .setMessage(message == null ? reason.name() : message)
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setTime(time)
        .build();
  }
}
