package switchboard.dispatcher.stackstorm;

/**
 * Receives StackStorm's stream. Called from the stream's own thread, one call at a time; hand long
 * work off, since events wait meanwhile. An exception thrown here is logged and the stream goes on.
 */
public interface StreamListener {

  /** One event; heartbeats never arrive here. */
  void onEvent(StreamEvent event);

  /**
   * The stream is connected again after a drop. The stream has no event ids and no resume (contract
   * §6), so events may have been missed: reconcile through the REST API now.
   */
  default void onReconnect() {}

  /**
   * The connection ended or could not be made; the stream retries with backoff until closed. A
   * {@link StackStormAuthFailed} here means the credentials are refused and retrying will not help
   * by itself.
   */
  default void onDisconnect(StackStormException cause) {}
}
