package switchboard.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Switchboard topic: its name, the Avro type of its values and the settings that its guarantees
 * depend on. Keys are always UTF-8 strings (conversation key, request id, alias ref, identity key).
 *
 * @param name full topic name, never null
 * @param valueType generated Avro class of the values
 * @param partitions partitions to create the topic with
 * @param compacted true when the topic is a table (latest value per key) and must be compacted
 * @param retention how long records are kept; {@code null} keeps them forever
 * @param purpose one line saying what the topic holds, used in start-up errors
 */
public record TopicSpec<V extends SpecificRecord>(
    String name,
    Class<V> valueType,
    int partitions,
    boolean compacted,
    Duration retention,
    String purpose) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1 for " + name);
    }
  }

  /** Topic-level configs Switchboard creates the topic with. */
  public Map<String, String> configs() {
    String retentionMs = retention == null ? "-1" : Long.toString(retention.toMillis());
    return compacted
        ? Map.of("cleanup.policy", "compact")
        : Map.of("cleanup.policy", "delete", "retention.ms", retentionMs);
  }

  /** The registry subject of the values, by the registry's default topic-name strategy. */
  public String valueSubject() {
    return name + "-value";
  }
}
