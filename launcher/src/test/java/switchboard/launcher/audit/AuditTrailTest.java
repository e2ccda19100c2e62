package switchboard.launcher.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.ChatUser;
import switchboard.records.Conversation;

class AuditTrailTest {

  private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
  private static final Conversation C1 = new Conversation("slack", "ops-slack", "T1", "C1", false);
  private static final Conversation C2 = new Conversation("slack", "ops-slack", "T1", "C2", false);
  private static final AuditTrail.Query ALL = new AuditTrail.Query(null, null, null, null);

  static AuditRecord entry(
      String requestId,
      AuditDecision decision,
      Conversation where,
      String user,
      String st2User,
      String alias,
      int second) {
    return AuditRecord.newBuilder()
        .setAuditId(requestId + "/" + decision)
        .setRequestId(requestId)
        .setEventId(requestId)
        .setDecision(decision)
        .setReason(decision.name().toLowerCase())
        .setRule(decision == AuditDecision.EXECUTED ? null : "ops/rule")
        .setComponent(decision == AuditDecision.EXECUTED ? "dispatcher" : "alias-matcher")
        .setConversation(where)
        .setSender(new ChatUser(user, user.toLowerCase()))
        .setStackstormUser(st2User)
        .setCommand("run date on web1")
        .setAliasRef(alias)
        .setParameters(Map.of("hosts", "web1"))
        .setTime(T.plusSeconds(second))
        .build();
  }

  @Test
  void shouldJoinTheDecisionAndTheExecutionOfOneRequest() {
    AuditRecord confirmed =
        entry("r1", AuditDecision.CONFIRMED, C1, "U1", "alice", "examples.shell", 1);
    AuditRecord allowed =
        entry("r1", AuditDecision.ALLOWED, C1, "U1", "alice", "examples.shell", 2);
    AuditRecord executed =
        AuditRecord.newBuilder(entry("r1", AuditDecision.EXECUTED, C1, "U1", "alice", null, 3))
            .setExecutionId("5f1e")
            .setExecutionStatus("requested")
            .build();
    AuditRecord completed =
        AuditRecord.newBuilder(entry("r1", AuditDecision.COMPLETED, C1, "U1", "alice", null, 9))
            .setExecutionId("5f1e")
            .setExecutionStatus("succeeded")
            .build();

    List<AuditRow> rows = AuditTrail.rows(List.of(completed, allowed, executed, confirmed), ALL);

    assertThat(rows).hasSize(1);
    AuditRow row = rows.get(0);
    assertThat(row.time()).isEqualTo(T.plusSeconds(1));
    assertThat(row.chatUser()).isEqualTo("slack/T1/U1");
    assertThat(row.stackstormUser()).isEqualTo("alice");
    assertThat(row.where()).isEqualTo("slack/T1/C1");
    assertThat(row.aliasRef()).isEqualTo("examples.shell");
    assertThat(row.decision()).isEqualTo("ALLOWED");
    assertThat(row.confirmed()).isTrue();
    assertThat(row.rule()).isEqualTo("ops/rule");
    assertThat(row.executionId()).isEqualTo("5f1e");
    assertThat(row.result()).isEqualTo("succeeded");
  }

  @Test
  void shouldFilterByIdOrStackStormUserButNeverByDisplayName() {
    List<AuditRecord> entries =
        List.of(
            entry("r1", AuditDecision.ALLOWED, C1, "U1", "alice", "a.b", 1),
            entry("r2", AuditDecision.DENIED, C2, "U2", "bob", "packs.install", 2),
            entry("r3", AuditDecision.NO_MATCH, C2, "U3", null, null, 3));

    assertThat(AuditTrail.rows(entries, new AuditTrail.Query("alice", null, null, null)))
        .extracting(AuditRow::requestId)
        .containsExactly("r1");
    assertThat(AuditTrail.rows(entries, new AuditTrail.Query("U2", null, null, null)))
        .extracting(AuditRow::requestId)
        .containsExactly("r2");
    assertThat(AuditTrail.rows(entries, new AuditTrail.Query("u2", null, null, null)))
        .as("u2 is U2's display name in these entries, not an id")
        .isEmpty();
    assertThat(AuditTrail.rows(entries, new AuditTrail.Query(null, "C2", null, null)))
        .extracting(AuditRow::requestId)
        .containsExactly("r2", "r3");
    assertThat(AuditTrail.rows(entries, new AuditTrail.Query(null, null, "packs.*", null)))
        .extracting(AuditRow::requestId)
        .containsExactly("r2");
    assertThat(AuditTrail.rows(entries, new AuditTrail.Query(null, null, null, T.plusSeconds(2))))
        .extracting(AuditRow::requestId)
        .containsExactly("r1");
  }

  @Test
  void shouldReadTimesAsInstantsDatesOrAges() {
    Instant now = Instant.parse("2026-11-28T12:00:00Z");

    assertThat(TimeSpec.parse("2h", now)).contains(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(TimeSpec.parse("7d", now)).contains(Instant.parse("2026-11-21T12:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-27", now)).contains(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-27T08:30", now))
        .contains(Instant.parse("2026-11-27T08:30:00Z"));
    assertThat(TimeSpec.parse("2026-11-27T08:30:00Z", now))
        .contains(Instant.parse("2026-11-27T08:30:00Z"));
    assertThat(TimeSpec.parse("yesterday", now)).isEmpty();
    assertThat(TimeSpec.parse("30", now)).as("a bare number is ambiguous").isEmpty();
  }
}
