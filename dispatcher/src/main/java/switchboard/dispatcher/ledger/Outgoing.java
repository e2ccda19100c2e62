package switchboard.dispatcher.ledger;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import switchboard.schemas.TopicSpec;

/**
 * One record the journal writes: a reply, an execution update, an audit record or a dead letter.
 *
 * @param topic where it goes; its value type is the record's
 * @param key the record key (conversation key, request id, source topic); never null
 * @param value never null
 */
public record Outgoing(TopicSpec<?> topic, String key, SpecificRecord value) {

  public Outgoing {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (!topic.valueType().isInstance(value)) {
      throw new IllegalArgumentException(
          value.getClass().getSimpleName() + " does not belong on " + topic.name());
    }
  }
}
