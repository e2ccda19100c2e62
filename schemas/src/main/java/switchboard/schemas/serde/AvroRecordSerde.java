package switchboard.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import switchboard.schemas.ReasonCode;
import switchboard.schemas.RecordTrust;
import switchboard.schemas.registry.SchemaRegistry;
import switchboard.schemas.registry.UnknownSchemaException;

/**
 * Avro values in the schema-registry wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary), so Switchboard's topics can be read with the registry tooling users already run. Readers
 * resolve each writer schema to the schema they were compiled with, so old records stay readable
 * after a compatible change.
 */
public final class AvroRecordSerde<V extends SpecificRecord>
    implements Serde<V>, Serializer<V>, Deserializer<V> {

  static final byte MAGIC = 0;

  static {
    RecordTrust.install();
  }

  private static final int HEADER = 5;

  private final Class<V> type;
  private final Schema readerSchema;
  private final SchemaRegistry registry;
  private final SpecificDatumWriter<V> writer;
  private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, SpecificDatumReader<V>> readerByWriterId = new ConcurrentHashMap<>();

  public AvroRecordSerde(Class<V> type, SchemaRegistry registry) {
    this.type = type;
    this.readerSchema = schemaOf(type);
    this.registry = registry;
    this.writer = new SpecificDatumWriter<>(readerSchema);
  }

  private static Schema schemaOf(Class<? extends SpecificRecord> type) {
    try {
      return (Schema) type.getField("SCHEMA$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(type + " is not a generated Avro record", e);
    }
  }

  @Override
  public byte[] serialize(String topic, V data) {
    if (data == null) {
      return null;
    }
    int id = idBySubject.computeIfAbsent(topic + "-value", s -> registry.register(s, readerSchema));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(data, encoder);
      encoder.flush();
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e, e);
    }
    return out.toByteArray();
  }

  @Override
  public V deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < HEADER || data[0] != MAGIC) {
      throw new RecordDecodingException(
          ReasonCode.UNDECODABLE,
          "not a schema-registry framed Avro record ("
              + (data.length < HEADER ? data.length + " bytes" : "magic byte " + data[0])
              + ") on "
              + topic,
          null);
    }
    int id = ByteBuffer.wrap(data, 1, 4).getInt();
    SpecificDatumReader<V> reader;
    try {
      reader = readerByWriterId.computeIfAbsent(id, this::readerFor);
    } catch (UnknownSchemaException e) {
      throw new RecordDecodingException(
          ReasonCode.UNKNOWN_SCHEMA, e.getMessage() + " on " + topic, e);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(data, HEADER, data.length - HEADER, null);
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new RecordDecodingException(
          ReasonCode.UNDECODABLE,
          "cannot decode "
              + type.getSimpleName()
              + " with schema "
              + id
              + " on "
              + topic
              + ": "
              + e,
          e);
    }
  }

  private SpecificDatumReader<V> readerFor(int writerId) {
    return new SpecificDatumReader<>(registry.schemaById(writerId), readerSchema);
  }

  @Override
  public Serializer<V> serializer() {
    return this;
  }

  @Override
  public Deserializer<V> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
