package switchboard.connector.slack;

import switchboard.connector.InboundMessage;

/** What a Slack payload becomes: a message for the pipeline, nothing, or a dead letter. */
sealed interface SlackMapping {

  /** A message or interaction addressed to the pipeline. */
  record Mapped(InboundMessage message) implements SlackMapping {}

  /** Readable but not for the pipeline (an edit, a join, a bot's message, ...). */
  record Ignored(String reason) implements SlackMapping {}

  /** Not a payload Slack would send; the bytes become a dead letter with this reason. */
  record Unreadable(String reason) implements SlackMapping {}
}
