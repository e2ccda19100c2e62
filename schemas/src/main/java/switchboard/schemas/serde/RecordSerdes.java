package switchboard.schemas.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.registry.SchemaRegistry;

/** The serdes of every topic, bound to one schema registry. */
public final class RecordSerdes {

  private final SchemaRegistry registry;
  private final Map<Class<?>, AvroRecordSerde<?>> byType = new ConcurrentHashMap<>();

  public RecordSerdes(SchemaRegistry registry) {
    this.registry = registry;
  }

  /** Keys are UTF-8 strings on every topic. */
  public static Serde<String> key() {
    return Serdes.String();
  }

  /** The value serde of a topic; one instance per record type. */
  @SuppressWarnings("unchecked")
  public <V extends SpecificRecord> AvroRecordSerde<V> value(TopicSpec<V> topic) {
    return (AvroRecordSerde<V>)
        byType.computeIfAbsent(
            topic.valueType(), t -> new AvroRecordSerde<>(topic.valueType(), registry));
  }

  /** Reads a value's bytes without throwing: unreadable input is a value, not an exception. */
  public <V extends SpecificRecord> DecodeResult<V> decode(TopicSpec<V> topic, byte[] bytes) {
    if (bytes == null) {
      return new DecodeResult.Undecodable<>(
          switchboard.schemas.ReasonCode.INVALID, "null value on " + topic.name());
    }
    try {
      return new DecodeResult.Decoded<>(value(topic).deserialize(topic.name(), bytes));
    } catch (RecordDecodingException e) {
      return new DecodeResult.Undecodable<>(e.reason(), e.getMessage());
    }
  }
}
