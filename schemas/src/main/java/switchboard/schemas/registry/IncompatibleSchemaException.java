package switchboard.schemas.registry;

/** A new schema version would break readers or writers of earlier versions. */
public final class IncompatibleSchemaException extends SchemaRegistryException {
  public IncompatibleSchemaException(String message) {
    super(message);
  }
}
