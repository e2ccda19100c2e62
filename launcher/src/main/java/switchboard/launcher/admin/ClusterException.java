package switchboard.launcher.admin;

/** The cluster cannot answer: unreachable, a topic missing, a record unreadable. */
public final class ClusterException extends RuntimeException {

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
