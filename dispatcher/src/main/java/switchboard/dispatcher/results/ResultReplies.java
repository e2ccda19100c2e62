package switchboard.dispatcher.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import switchboard.dispatcher.execution.SourceContexts;
import switchboard.dispatcher.ledger.CommandRecords;
import switchboard.records.CommandRequest;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;

/**
 * A result announcement ({@code st2.announcement__<route>} payload: {@code channel, message, user,
 * whisper, extra, context}, contract §7) as the RESULT {@link Reply}, the way hubot's adapters read
 * it (§8.5). Pure.
 *
 * <ul>
 *   <li>Routed by the announcement's {@code context} (the {@code source_context} the dispatcher
 *       sent): conversation, thread and the command's message; the ledger's command fills what the
 *       context lacks.
 *   <li>{@code message} is split at {@code {~}} ({@link MessageSplit}).
 *   <li>{@code whisper} with a user: delivered privately to the sender's chat id; otherwise a
 *       {@code user} makes the reply mention the sender, as hubot prefixes {@code @user:}.
 *   <li>{@code extra}: each top-level key becomes an entry of {@link Reply#getExtra()}.
 *   <li>FAILURE when the message contains {@code status : failed} (hubot's test for the failure
 *       colour) or the execution failed; SUCCESS otherwise.
 * </ul>
 */
public final class ResultReplies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAILED_MARK = "status : failed";

  private final CommandRecords records;

  public ResultReplies(CommandRecords records) {
    this.records = records;
  }

  /**
   * @param payload the announcement's {@code payload}
   * @param command the command the ledger holds for the announcement's request id
   * @param executionFailed whether the execution ended in st2's failed family
   */
  public Reply fromAnnouncement(
      JsonNode payload, CommandRequest command, boolean executionFailed, Instant now) {
    String message = payload.path("message").asText("");
    MessageSplit split = MessageSplit.of(message);
    boolean failed = executionFailed || message.contains(FAILED_MARK);
    Reply.Builder reply =
        records.reply(
            command,
            ReplyKind.RESULT,
            failed ? ReplyStatus.FAILURE : ReplyStatus.SUCCESS,
            split.pretext(),
            split.text(),
            CommandRecords.extras(payload.path("extra")),
            now);
    String sender = command.getSender().getId();
    JsonNode context = payload.path("context");
    var route = SourceContexts.route(context);
    if (route.isPresent()) {
      reply.setConversation(route.get().conversation()).setThread(route.get().thread());
      if (route.get().messageId() != null) {
        reply.setInReplyTo(route.get().messageId());
      }
      if (route.get().senderId() != null) {
        sender = route.get().senderId();
      }
    }
    boolean hasUser = !payload.path("user").asText("").isEmpty();
    if (payload.path("whisper").asBoolean(false) && hasUser) {
      reply.setWhisperTo(sender);
    } else if (hasUser) {
      reply.setMention(sender);
    }
    return reply.build();
  }

  /**
   * The announcement StackStorm would have posted, rebuilt from {@code
   * chatops.format_execution_result}'s output ({@code {message, extra}}) when the real one never
   * came: same rendering, same routing.
   */
  public static JsonNode announcementOf(JsonNode formatted, CommandRequest command) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("channel", SourceContexts.sourceChannel(command));
    payload.put("message", formatted.path("message").asText(""));
    payload.put("user", SourceContexts.user(command));
    payload.put("whisper", false);
    JsonNode extra = formatted.path("extra");
    payload.set("extra", extra.isObject() ? extra.deepCopy() : JSON.createObjectNode());
    payload.set("context", SourceContexts.of(command));
    return payload;
  }

  /** The last resort when even StackStorm's formatter failed: status and link, no output. */
  public Reply minimal(
      CommandRequest command, String status, boolean failed, String webUrl, Instant now) {
    String text =
        "Action "
            + command.getActionRef()
            + " "
            + status
            + "."
            + (webUrl == null ? "" : " (details available at " + webUrl + ")");
    return records
        .reply(
            command,
            ReplyKind.RESULT,
            failed ? ReplyStatus.FAILURE : ReplyStatus.SUCCESS,
            null,
            text,
            Map.of(),
            now)
        .setMention(command.getSender().getId())
        .build();
  }
}
