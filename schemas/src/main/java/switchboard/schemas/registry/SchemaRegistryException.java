package switchboard.schemas.registry;

/** The registry could not be reached or refused a request. */
public class SchemaRegistryException extends RuntimeException {
  public SchemaRegistryException(String message) {
    super(message);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
