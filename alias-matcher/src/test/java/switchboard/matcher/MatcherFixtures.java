package switchboard.matcher;

import java.time.Instant;
import java.util.List;
import switchboard.matcher.document.DocumentException;
import switchboard.matcher.document.PolicyDocuments;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;
import switchboard.records.AliasFormat;
import switchboard.records.ChatEvent;
import switchboard.records.ChatEventKind;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;
import switchboard.records.IdentityLink;
import switchboard.records.Interaction;
import switchboard.records.Policy;

/** Alias records and chat events for the matcher's topology and broker tests. */
final class MatcherFixtures {

  static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
  static final Conversation OPS = new Conversation("slack", "ops-slack", "T1", "C1", false);
  static final Conversation DIRECT = new Conversation("slack", "ops-slack", "T1", "D1", true);

  private MatcherFixtures() {}

  static AliasDefinition alias(String pack, String name, String action, String... formats) {
    return AliasDefinition.newBuilder()
        .setRef(pack + "." + name)
        .setName(name)
        .setPack(pack)
        .setDescription("Runs " + action)
        .setActionRef(action)
        .setFormats(
            java.util.Arrays.stream(formats)
                .map(f -> new AliasFormat(f, List.of(f), false))
                .toList())
        .setAck(new AliasAck(true, null, null, null))
        .build();
  }

  static AliasDefinition multiAlias(String pack, String name, String action, String format) {
    return AliasDefinition.newBuilder(alias(pack, name, action))
        .setFormats(List.of(new AliasFormat(null, List.of(format), true)))
        .build();
  }

  /** The examples most ChatOps users start from (after st2's contrib/examples). */
  static List<AliasDefinition> catalogue() {
    return List.of(
        alias("examples", "remote_shell_cmd", "core.remote", "run {{cmd}} on {{hosts}}"),
        alias("core", "local_date", "core.local", "date"),
        alias("packs", "pack_install", "packs.install", "pack install {{packs}}"),
        alias("packs", "pack_get", "packs.get", "pack get {{pack}}"));
  }

  /** A link of a Slack user of workspace T1. */
  static IdentityLink link(String chatUserId, String stackstormUser, String... groups) {
    return new IdentityLink(
        "slack", "T1", chatUserId, stackstormUser, List.of(groups), "admin:test", T);
  }

  /** The policy document(s) in {@code yaml}; fails the test when they do not validate. */
  static Policy policy(String yaml) {
    try {
      return PolicyDocuments.parse(yaml, "admin:test", T).get(0);
    } catch (DocumentException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** {@code event} as sent by another chat user. */
  static ChatEvent from(ChatEvent event, String userId, String displayName) {
    return ChatEvent.newBuilder(event).setSender(new ChatUser(userId, displayName)).build();
  }

  /** A press of a button by {@code userId}. */
  static ChatEvent press(
      String eventId, Conversation conversation, String userId, String actionId, String value) {
    return ChatEvent.newBuilder(message(eventId, conversation, ""))
        .setKind(ChatEventKind.INTERACTION)
        .setSender(new ChatUser(userId, null))
        .setInteraction(new Interaction(actionId, value, null))
        .build();
  }

  static ChatEvent message(
      String eventId, Conversation conversation, String text, String... mentions) {
    return ChatEvent.newBuilder()
        .setEventId(eventId)
        .setConversation(conversation)
        .setThread("1700000000.000100")
        .setMessageId("1700000001.000" + eventId.hashCode() % 1000)
        .setSender(new ChatUser("U1", "alice"))
        .setText(text)
        .setBotMentions(List.of(mentions))
        .setReceivedAt(T)
        .build();
  }
}
