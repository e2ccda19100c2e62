package switchboard.dispatcher.execution;

import java.util.Optional;
import switchboard.records.CommandRequest;
import switchboard.records.Reply;

/**
 * Commands the dispatcher answers itself instead of sending them to StackStorm, such as {@code
 * switchboard.link}. The answer is written in one transaction with the command's offset, like every
 * other outcome, so it is neither lost nor sent twice by a clean run.
 */
@FunctionalInterface
public interface BuiltInCommands {

  /** The reply when {@code command} is one of these, or empty when StackStorm should run it. */
  Optional<Reply> answer(CommandRequest command);
}
