package switchboard.dispatcher.execution;

import switchboard.records.CommandRequest;

/**
 * Called on the calling thread right after StackStorm accepted a command ({@code POST
 * /api/v1/aliasexecution} answered 201) and before its outcome is written: the window in which a
 * crash leaves the command PENDING with an execution running. Crash tests stop the dispatcher here.
 */
@FunctionalInterface
public interface SubmissionObserver {

  SubmissionObserver NONE = command -> {};

  void accepted(CommandRequest command);
}
