package switchboard.notifier;

import java.util.List;
import switchboard.schemas.ReasonCode;

/** How a submitted reply ended; every submission ends in exactly one. */
public sealed interface Settlement {

  /** Posted; {@code messageIds} are the provider's ids of the messages. */
  record Delivered(List<String> messageIds) implements Settlement {}

  /** The same reply id was already delivered or is on its way; it was not posted again. */
  record Duplicate(String replyId) implements Settlement {}

  /** The provider refused it, or every retry failed: it goes to the dead-letter topic. */
  record Undeliverable(ReasonCode reason, String message) implements Settlement {}
}
