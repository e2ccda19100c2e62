package switchboard.matcher;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import switchboard.matcher.help.HelpEntry;
import switchboard.matcher.help.HelpPage;
import switchboard.matcher.help.HelpResult;
import switchboard.matcher.match.MatchResult;
import switchboard.records.ChatEvent;
import switchboard.records.Reply;
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

  private static Reply reply(
      ChatEvent event,
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
        .setConversation(event.getConversation())
        .setThread(event.getThread())
        .setMention(event.getSender().getId())
        .setStatus(status)
        .setPretext(pretext)
        .setText(text)
        .setCreatedAt(now)
        .build();
  }
}
