package switchboard.connector;

/** Implemented by the runtime; thread-safe. */
public interface InboundSink {

  /** A chat message or interaction addressed to the pipeline. */
  void accept(InboundMessage message);

  /**
   * A provider payload that could not be mapped to a message: it becomes a dead letter with the
   * reason, and the connector goes on.
   */
  void reject(byte[] payload, String reason);
}
