package switchboard.matcher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import switchboard.matcher.help.HelpEntry;
import switchboard.matcher.help.HelpPage;
import switchboard.matcher.help.HelpResult;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.identity.LinkedUser;
import switchboard.matcher.match.MatchResult;
import switchboard.matcher.policy.Durations;
import switchboard.matcher.policy.Quota;
import switchboard.records.ChatEvent;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.records.Reply;
import switchboard.records.ReplyButton;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;

/** The matcher's replies, rendered into the portable {@link Reply}. Pure. */
final class MatcherReplies {

  private MatcherReplies() {}

  static Reply help(
      ChatEvent event, String requestId, HelpResult result, String prefix, Instant now) {
    if (result instanceof HelpResult.InvalidFilter invalid) {
      return reply(
          event,
          requestId,
          ReplyKind.ERROR,
          ReplyStatus.FAILURE,
          null,
          "`" + invalid.filter() + "` is not a valid filter: " + invalid.reason(),
          now);
    }
    HelpPage page = (HelpPage) result;
    if (page.entries().isEmpty()) {
      return reply(
          event,
          requestId,
          ReplyKind.HELP,
          ReplyStatus.NEUTRAL,
          null,
          page.available() == 0
              ? "No commands match."
              : "No more commands: there are " + page.available() + ".",
          now);
    }
    int first = page.offset() + 1;
    int last = page.offset() + page.entries().size();
    String lines =
        page.entries().stream().map(e -> helpLine(e, prefix)).collect(Collectors.joining("\n"));
    String more =
        last < page.available()
            ? "\nSay `" + prefix + "help " + (page.offset() / page.limit() + 2) + "` for more."
            : "";
    return reply(
        event,
        requestId,
        ReplyKind.HELP,
        ReplyStatus.NEUTRAL,
        "Commands " + first + "-" + last + " of " + page.available() + ":",
        lines + more,
        now);
  }

  private static String helpLine(HelpEntry entry, String prefix) {
    String description =
        entry.description() == null || entry.description().isBlank()
            ? ""
            : " - " + entry.description();
    return "`" + prefix + entry.display() + "`" + description + " (" + entry.pack() + ")";
  }

  static Reply ambiguous(
      ChatEvent event, String requestId, MatchResult.Ambiguous ambiguous, Instant now) {
    String candidates =
        ambiguous.candidates().stream()
            .map(
                c ->
                    "`"
                        + (c.display() == null || c.display().isEmpty()
                            ? c.representation()
                            : c.display())
                        + "` ("
                        + c.alias().ref()
                        + ")")
            .collect(Collectors.joining("\n"));
    return reply(
        event,
        requestId,
        ReplyKind.AMBIGUOUS,
        ReplyStatus.FAILURE,
        "`" + ambiguous.command() + "` matches more than one command:",
        candidates + "\nRephrase it so that only one of them matches.",
        now);
  }

  static Reply noMatch(
      ChatEvent event, String requestId, MatchResult.NoMatch noMatch, String prefix, Instant now) {
    List<String> suggestions =
        noMatch.suggestions().stream().map(s -> "`" + prefix + s.display() + "`").toList();
    String text =
        suggestions.isEmpty()
            ? "Say `" + prefix + "help` to see what you can run."
            : "Did you mean:\n" + String.join("\n", suggestions);
    return reply(
        event,
        requestId,
        ReplyKind.NO_MATCH,
        ReplyStatus.FAILURE,
        "Sorry, I don't know `" + noMatch.command() + "`.",
        text,
        now);
  }

  static Reply denied(
      ChatEvent event, String requestId, String command, String reason, Instant now) {
    return reply(
        event,
        requestId,
        ReplyKind.DENIED,
        ReplyStatus.FAILURE,
        "You may not run `" + command + "` here.",
        reason,
        now);
  }

  /** Help asked by someone who may run nothing: the reason (the hint to link) instead of a list. */
  static Reply helpRefused(ChatEvent event, String requestId, String reason, Instant now) {
    return reply(event, requestId, ReplyKind.HELP, ReplyStatus.NEUTRAL, null, reason, now);
  }

  /** Asks the sender to confirm a command; the buttons carry the request id. */
  static Reply prompt(
      ChatEvent event,
      String requestId,
      String command,
      String asUser,
      Duration timeout,
      Instant now) {
    return Reply.newBuilder(
            reply(
                event,
                requestId,
                ReplyKind.PROMPT,
                ReplyStatus.NEUTRAL,
                "Run `" + command + "`" + (asUser == null ? "" : " as `" + asUser + "`") + "?",
                "Only you can confirm it, within " + Durations.text(timeout) + ".",
                now))
        .setButtons(
            List.of(
                new ReplyButton(Confirmations.APPROVE, "Approve", requestId, "primary"),
                new ReplyButton(Confirmations.CANCEL, "Cancel", requestId, "danger")))
        .build();
  }

  /** Someone other than the sender pressed a confirmation button; only they are told. */
  static Reply confirmationRefused(ChatEvent press, String requestId, String ownerId, Instant now) {
    return Reply.newBuilder(
            reply(
                press,
                requestId,
                ReplyKind.DENIED,
                ReplyStatus.FAILURE,
                null,
                "Only the person who asked for this command can confirm or cancel it.",
                now))
        .setMention(press.getSender().getId())
        .setWhisperTo(press.getSender().getId())
        .build();
  }

  /** A button of a confirmation that is no longer pending. */
  static Reply confirmationGone(ChatEvent press, String requestId, Instant now) {
    return Reply.newBuilder(
            reply(
                press,
                requestId,
                ReplyKind.INFO,
                ReplyStatus.NEUTRAL,
                null,
                "This confirmation has expired or was already answered; nothing more will run.",
                now))
        .setWhisperTo(press.getSender().getId())
        .build();
  }

  static Reply cancelled(CommandRequest command, Instant now) {
    return reply(
        command,
        ReplyKind.INFO,
        ReplyStatus.NEUTRAL,
        "Cancelled: `" + command.getCommand() + "` will not run.",
        now);
  }

  static Reply expired(CommandRequest command, Duration timeout, Instant now) {
    return reply(
        command,
        ReplyKind.INFO,
        ReplyStatus.FAILURE,
        "`"
            + command.getCommand()
            + "` was not confirmed within "
            + Durations.text(timeout)
            + ", so it will not run.",
        now);
  }

  static Reply rateLimited(CommandRequest command, Quota quota, Duration retryAfter, Instant now) {
    return Reply.newBuilder(
            reply(
                command,
                ReplyKind.DENIED,
                ReplyStatus.FAILURE,
                "You have reached the limit of "
                    + quota
                    + " that rule `"
                    + command.getDecidedBy()
                    + "` sets; try again in "
                    + Durations.text(roundUp(retryAfter))
                    + ".",
                now))
        .setPretext("You may not run `" + command.getCommand() + "` now.")
        .build();
  }

  static Reply whoami(
      ChatEvent event,
      String requestId,
      ChatIdentity identity,
      Optional<LinkedUser> user,
      Instant now) {
    String text =
        user.map(
                u ->
                    "You are `"
                        + u.stackstormUser()
                        + "` in StackStorm"
                        + (u.groups().isEmpty()
                            ? ""
                            : " (groups: " + String.join(", ", u.groups()) + ")")
                        + ".")
            .orElse(
                "You are not linked to a StackStorm user. Send me `link` in a direct message to"
                    + " link your account.");
    return reply(
        event,
        requestId,
        ReplyKind.INFO,
        ReplyStatus.NEUTRAL,
        null,
        text + "\nChat identity: `" + identity.key() + "`.",
        now);
  }

  static Reply unlinked(ChatEvent event, String requestId, Optional<LinkedUser> was, Instant now) {
    return reply(
        event,
        requestId,
        ReplyKind.INFO,
        ReplyStatus.NEUTRAL,
        null,
        was.map(
                u ->
                    "Unlinked: you are no longer `"
                        + u.stackstormUser()
                        + "` in StackStorm. Send me `link` in a direct message to link again.")
            .orElse("You are not linked, so there is nothing to unlink."),
        now);
  }

  static Reply linkOnlyInDirect(ChatEvent event, String requestId, Instant now) {
    return reply(
        event,
        requestId,
        ReplyKind.INFO,
        ReplyStatus.NEUTRAL,
        null,
        "Send me `link` in a direct message: the link I answer with is for you alone.",
        now);
  }

  /** Whole seconds, rounded up, so "try again in 0s" is never said. */
  private static Duration roundUp(Duration duration) {
    long seconds = (duration.toMillis() + 999) / 1000;
    return Duration.ofSeconds(Math.max(1, seconds));
  }

  private static Reply reply(
      ChatEvent event,
      String requestId,
      ReplyKind kind,
      ReplyStatus status,
      String pretext,
      String text,
      Instant now) {
    return reply(
        event.getConversation(),
        event.getThread(),
        event.getSender().getId(),
        requestId,
        kind,
        status,
        pretext,
        text,
        now);
  }

  private static Reply reply(
      CommandRequest command, ReplyKind kind, ReplyStatus status, String text, Instant now) {
    return reply(
        command.getConversation(),
        command.getThread(),
        command.getSender().getId(),
        command.getRequestId(),
        kind,
        status,
        null,
        text,
        now);
  }

  private static Reply reply(
      Conversation conversation,
      String thread,
      String mention,
      String requestId,
      ReplyKind kind,
      ReplyStatus status,
      String pretext,
      String text,
      Instant now) {
    return Reply.newBuilder()
        .setReplyId(requestId + "/" + kind)
        .setRequestId(requestId)
        .setKind(kind)
        .setConversation(conversation)
        .setThread(thread)
        .setMention(mention)
        .setStatus(status)
        .setPretext(pretext)
        .setText(text)
        .setCreatedAt(now)
        .build();
  }
}
