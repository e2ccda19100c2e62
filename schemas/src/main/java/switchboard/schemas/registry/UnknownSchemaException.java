package switchboard.schemas.registry;

/** A record names a schema id that the registry does not hold. */
public final class UnknownSchemaException extends SchemaRegistryException {
  public UnknownSchemaException(int id) {
    super("no schema with id " + id + " in the registry");
  }
}
