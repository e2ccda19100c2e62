package switchboard.dispatcher;

import java.time.Instant;
import java.util.Map;
import switchboard.records.ChatUser;
import switchboard.records.CommandRequest;
import switchboard.records.Conversation;

/** Commands as the alias matcher writes them, for tests. */
public final class Commands {

  public static final Conversation OPS =
      Conversation.newBuilder()
          .setProvider("slack")
          .setConnector("ops-slack")
          .setWorkspace("T1")
          .setChannel("C-ops")
          .setDirect(false)
          .build();

  private Commands() {}

  /** {@code run <cmd> on <hosts>}: the sample alias examples.remote_shell_cmd (core.remote). */
  public static CommandRequest run(String requestId, String cmd, String hosts) {
    return command(
        requestId,
        "examples.remote_shell_cmd",
        "remote_shell_cmd",
        "core.remote",
        "run {{cmd}} on {{hosts}}",
        "run " + cmd + " on " + hosts,
        Map.of("cmd", cmd, "hosts", hosts));
  }

  /** {@code greet <greeting>}: the sample alias hello_st2.greet, which has no ack or result. */
  public static CommandRequest greet(String requestId, String greeting) {
    return command(
        requestId,
        "hello_st2.greet",
        "greet",
        "hello_st2.greet",
        "greet {{greeting}}",
        "greet " + greeting,
        Map.of("greeting", greeting));
  }

  public static CommandRequest command(
      String requestId,
      String aliasRef,
      String aliasName,
      String actionRef,
      String representation,
      String text,
      Map<String, String> parameters) {
    Instant now = Instant.now();
    return CommandRequest.newBuilder()
        .setRequestId(requestId)
        .setEventId("ev-" + requestId)
        .setConversation(OPS)
        .setThread("thread-" + requestId)
        .setMessageId("msg-" + requestId)
        .setSender(new ChatUser("U-alice", "alice"))
        .setStackstormUser(null)
        .setAliasRef(aliasRef)
        .setAliasName(aliasName)
        .setActionRef(actionRef)
        .setRepresentation(representation)
        .setCommand(text)
        .setParameters(Map.copyOf(parameters))
        .setReceivedAt(now)
        .setMatchedAt(now)
        .build();
  }

  /** {@code link} sent to the bot in a direct conversation, as the matcher passes it on. */
  public static CommandRequest link(String requestId, String senderId) {
    return CommandRequest.newBuilder(
            command(
                requestId,
                "switchboard.link",
                "link",
                "switchboard.link",
                "link",
                "link",
                Map.of()))
        .setConversation(
            Conversation.newBuilder(OPS).setChannel("D-" + senderId).setDirect(true).build())
        .setSender(new ChatUser(senderId, senderId))
        .setDecidedBy("self-service")
        .build();
  }
}
