package switchboard.schemas.registry;

import org.apache.avro.Schema;

/**
 * Where Avro schemas get the ids that prefix every record on the wire (the schema-registry wire
 * format: magic byte 0, 4-byte big-endian schema id, Avro binary). Implementations must be safe for
 * use from several threads.
 */
public interface SchemaRegistry extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject}, or finds it if it is already there, and returns
   * its id. A schema new to the subject is checked for compatibility first.
   *
   * @throws IncompatibleSchemaException when the schema would break readers or writers of the
   *     subject's existing versions
   * @throws SchemaRegistryException when the registry cannot be reached or answers an error
   */
  int register(String subject, Schema schema);

  /**
   * The schema with this id.
   *
   * @throws UnknownSchemaException when no schema has this id
   * @throws SchemaRegistryException when the registry cannot be reached or answers an error
   */
  Schema schemaById(int id);

  @Override
  default void close() {}
}
