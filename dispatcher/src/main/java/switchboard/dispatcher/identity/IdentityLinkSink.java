package switchboard.dispatcher.identity;

import switchboard.records.IdentityLink;

/** Where a confirmed self-service link is recorded: {@code chatops.identities}. */
@FunctionalInterface
public interface IdentityLinkSink {

  /**
   * Records {@code link} durably before returning.
   *
   * @throws RuntimeException when it could not be recorded; the user is told to try again
   */
  void record(IdentityLink link);
}
