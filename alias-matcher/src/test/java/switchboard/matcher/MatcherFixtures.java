package switchboard.matcher;

import java.time.Instant;
import java.util.List;
import switchboard.records.AliasAck;
import switchboard.records.AliasDefinition;
import switchboard.records.AliasFormat;
import switchboard.records.ChatEvent;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;

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
