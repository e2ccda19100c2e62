package switchboard.launcher.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.policy.Glob;
import switchboard.records.AuditDecision;
import switchboard.records.AuditRecord;
import switchboard.records.Conversation;

/**
 * Folds the entries of {@code chatops.audit} into one row per request: the matcher's decision and
 * the dispatcher's outcome, joined by request id. Pure.
 */
final class AuditTrail {

  /** What the matcher decides; the last of these is the row's decision. */
  private static final Set<AuditDecision> DECISIONS =
      EnumSet.of(
          AuditDecision.ALLOWED,
          AuditDecision.DENIED,
          AuditDecision.NO_MATCH,
          AuditDecision.AMBIGUOUS,
          AuditDecision.HELP,
          AuditDecision.CONFIRMED,
          AuditDecision.RATE_LIMITED);

  /** What the dispatcher reports after the decision. */
  private static final Set<AuditDecision> OUTCOMES =
      EnumSet.of(
          AuditDecision.EXECUTED,
          AuditDecision.COMPLETED,
          AuditDecision.REJECTED_BY_STACKSTORM,
          AuditDecision.ERROR);

  /**
   * Which rows to keep; a null field keeps all.
   *
   * @param user a chat user id or a StackStorm user, exactly; never a display name, which anyone
   *     can take
   * @param channel a channel id glob
   * @param alias an alias ref glob
   * @param until keep requests that began before this instant
   */
  record Query(String user, String channel, String alias, Instant until) {

    boolean keeps(AuditRow row, String channelId, String chatUserId) {
      return (user == null || user.equals(chatUserId) || user.equals(row.stackstormUser()))
          && (channel == null || Glob.of(channel).matches(channelId))
          && (alias == null || Glob.of(alias).matches(row.aliasRef()))
          && (until == null || row.time().isBefore(until));
    }
  }

  private AuditTrail() {}

  /** The rows of {@code entries} that {@code query} keeps, oldest first. */
  static List<AuditRow> rows(List<AuditRecord> entries, Query query) {
    Map<String, List<AuditRecord>> byRequest = new LinkedHashMap<>();
    entries.stream()
        .sorted(Comparator.comparing(AuditRecord::getTime))
        .forEach(
            e ->
                byRequest
                    .computeIfAbsent(
                        e.getRequestId() == null ? e.getAuditId() : e.getRequestId(),
                        k -> new ArrayList<>())
                    .add(e));
    List<AuditRow> rows = new ArrayList<>();
    byRequest.forEach(
        (id, group) -> {
          AuditRecord first = group.get(0);
          AuditRow row = fold(id, group);
          if ((row.decision() != null || row.result() != null)
              && query.keeps(row, first.getConversation().getChannel(), chatUserId(first))) {
            rows.add(row);
          }
        });
    return rows;
  }

  private static AuditRow fold(String id, List<AuditRecord> group) {
    AuditRecord first = group.get(0);
    String stackstormUser = null;
    String command = null;
    String aliasRef = null;
    Map<String, String> parameters = Map.of();
    String decision = null;
    boolean confirmed = false;
    String rule = null;
    String executionId = null;
    String result = null;
    for (AuditRecord entry : group) {
      stackstormUser =
          entry.getStackstormUser() != null ? entry.getStackstormUser() : stackstormUser;
      command = command == null ? entry.getCommand() : command;
      aliasRef = aliasRef == null ? entry.getAliasRef() : aliasRef;
      parameters = parameters.isEmpty() ? entry.getParameters() : parameters;
      executionId = entry.getExecutionId() != null ? entry.getExecutionId() : executionId;
      if (DECISIONS.contains(entry.getDecision())) {
        decision = entry.getDecision().name();
        confirmed |= entry.getDecision() == AuditDecision.CONFIRMED;
        rule = entry.getRule() != null ? entry.getRule() : rule;
      } else if (OUTCOMES.contains(entry.getDecision())) {
        result =
            entry.getExecutionStatus() != null
                ? entry.getExecutionStatus()
                : entry.getDecision().name().toLowerCase(java.util.Locale.ROOT);
      }
    }
    Conversation where = first.getConversation();
    return new AuditRow(
        id,
        first.getTime(),
        first.getSender() == null
            ? null
            : new ChatIdentity(where.getProvider(), where.getWorkspace(), chatUserId(first)).key(),
        first.getSender() == null ? null : first.getSender().getDisplayName(),
        stackstormUser,
        where.getProvider() + "/" + where.getWorkspace() + "/" + where.getChannel(),
        command,
        aliasRef,
        parameters,
        decision,
        confirmed,
        rule,
        executionId,
        result);
  }

  private static String chatUserId(AuditRecord entry) {
    return entry.getSender() == null ? null : entry.getSender().getId();
  }
}
