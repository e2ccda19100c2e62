package switchboard.dispatcher.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import switchboard.dispatcher.stackstorm.AliasExecutionRequest;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;
import switchboard.schemas.ConversationKeys;

/**
 * What Switchboard tells StackStorm about where a command came from, and reads back from a result
 * announcement to route it. Pure.
 *
 * <p>StackStorm passes {@code source_context} through untouched to the execution's notify data and
 * to the announcement's {@code payload.context} (contract §4.1, §7), so it carries everything a
 * result needs to find its way back, even after a restart: the request id (added by {@link
 * AliasExecutionRequest} as {@code request_id}), the conversation, the thread, the provider and the
 * sender.
 *
 * <pre>{@code
 * {"request_id": "...", "provider": "slack",
 *  "conversation": {"provider": "slack", "connector": "ops-slack", "workspace": "T1",
 *                   "channel": "C1", "direct": false},
 *  "thread": "1712.0001", "message_id": "1712.0002",
 *  "sender": {"id": "U1", "name": "alice"}}
 * }</pre>
 */
public final class SourceContexts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceContexts() {}

  /** Where the result of a command goes back to, as read from an announcement's context. */
  public record Route(
      Conversation conversation, String thread, String messageId, String senderId) {}

  /** The {@code source_context} of a command, without the request id (the request adds it). */
  public static ObjectNode of(CommandRequest command) {
    ObjectNode context = JSON.createObjectNode();
    Conversation conversation = command.getConversation();
    context.put("provider", conversation.getProvider());
    ObjectNode where = context.putObject("conversation");
    where.put("provider", conversation.getProvider());
    where.put("connector", conversation.getConnector());
    where.put("workspace", conversation.getWorkspace());
    where.put("channel", conversation.getChannel());
    where.put("direct", conversation.getDirect());
    context.put("thread", command.getThread());
    context.put("message_id", command.getMessageId());
    ObjectNode sender = context.putObject("sender");
    sender.put("id", command.getSender().getId());
    sender.put("name", command.getSender().getDisplayName());
    return context;
  }

  /** {@code source_channel}: the conversation key, unique across connectors and workspaces. */
  public static String sourceChannel(CommandRequest command) {
    return ConversationKeys.of(command.getConversation());
  }

  /**
   * {@code user}: the StackStorm user the sender is linked to, else the chat name (contract §4.3:
   * informational only, StackStorm records it as {@code api_user}).
   */
  public static String user(CommandRequest command) {
    if (command.getStackstormUser() != null) {
      return command.getStackstormUser();
    }
    String name = command.getSender().getDisplayName();
    return name == null || name.isBlank() ? command.getSender().getId() : name;
  }

  /** The route in a context written by {@link #of}; empty when it lacks the conversation. */
  public static Optional<Route> route(JsonNode context) {
    JsonNode where = context.path("conversation");
    if (!where.path("connector").isTextual() || !where.path("channel").isTextual()) {
      return Optional.empty();
    }
    Conversation conversation =
        Conversation.newBuilder()
            .setProvider(where.path("provider").asText(context.path("provider").asText("")))
            .setConnector(where.get("connector").asText())
            .setWorkspace(where.path("workspace").asText(""))
            .setChannel(where.get("channel").asText())
            .setDirect(where.path("direct").asBoolean(false))
            .build();
    return Optional.of(
        new Route(
            conversation,
            textOrNull(context.path("thread")),
            textOrNull(context.path("message_id")),
            textOrNull(context.path("sender").path("id"))));
  }

  private static String textOrNull(JsonNode value) {
    return value.isTextual() ? value.asText() : null;
  }
}
