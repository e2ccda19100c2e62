package switchboard.dispatcher.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.records.CommandRequest;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;

/** The dispatcher's replies about a command before its result, rendered as hubot does. Pure. */
public final class CommandReplies {

  /** hubot's first START_MESSAGES line (contract §8.4), when the alias renders no ack message. */
  static final String DEFAULT_ACK = "I'll take it from here! Your execution ID for reference is %s";

  private final CommandRecords records;

  public CommandReplies(CommandRecords records) {
    this.records = records;
  }

  /**
   * The acknowledgement, in the command's thread (contract §8.4): none when the alias disables it;
   * StackStorm's rendered message, or a short line naming the execution id; then, unless the alias
   * sets {@code append_url: false}, hubot's {@code " (details available at <web_url>)"}.
   */
  public Optional<Reply> ack(CommandRequest command, AckSource source, Instant now) {
    if (!source.enabled()) {
      return Optional.empty();
    }
    String text =
        source.message() != null
            ? source.message()
            : String.format(DEFAULT_ACK, source.executionId());
    if (source.appendUrl() && source.webUrl() != null) {
      text += " (details available at " + source.webUrl() + ")";
    }
    return Optional.of(
        records
            .reply(
                command,
                ReplyKind.ACK,
                ReplyStatus.NEUTRAL,
                null,
                text,
                CommandRecords.extras(source.extra()),
                now)
            .build());
  }

  /** StackStorm is unavailable: said once per command, when its first attempt fails. */
  public Reply queued(CommandRequest command, Duration giveUpAfter, Instant now) {
    return records
        .reply(
            command,
            ReplyKind.INFO,
            ReplyStatus.NEUTRAL,
            null,
            "StackStorm is unavailable right now, so `"
                + command.getCommand()
                + "` is queued: it runs as soon as StackStorm is back (I give up after "
                + words(giveUpAfter)
                + ").",
            Map.of(),
            now)
        .build();
  }

  /** StackStorm refused the command (4xx): its faultstring, verbatim (contract §4.5). */
  public Reply rejected(CommandRequest command, String faultstring, Instant now) {
    return records
        .reply(
            command,
            ReplyKind.ERROR,
            ReplyStatus.FAILURE,
            "StackStorm could not run `" + command.getCommand() + "`:",
            faultstring,
            Map.of(),
            now)
        // hubot addresses failures to the sender (contract §8.4).
        .setMention(command.getSender().getId())
        .build();
  }

  /** StackStorm stayed unavailable past the deadline. */
  public Reply gaveUp(CommandRequest command, String reason, Duration waited, Instant now) {
    return records
        .reply(
            command,
            ReplyKind.ERROR,
            ReplyStatus.FAILURE,
            "Gave up on `" + command.getCommand() + "`:",
            "StackStorm stayed unavailable for "
                + words(waited)
                + " ("
                + reason
                + "). Please run it again once StackStorm is back.",
            Map.of(),
            now)
        .setMention(command.getSender().getId())
        .build();
  }

  /** "45 seconds", "5 minutes", "2 hours": enough for a chat line. */
  static String words(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 120) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = seconds / 60;
    if (minutes < 120) {
      return minutes + " minutes";
    }
    return minutes / 60 + " hours";
  }
}
