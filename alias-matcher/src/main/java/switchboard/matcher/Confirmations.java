package switchboard.matcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.policy.Durations;
import switchboard.matcher.policy.PolicyRules;
import switchboard.records.AuditDecision;
import switchboard.records.ChatEvent;
import switchboard.records.ChatEventKind;
import switchboard.records.CommandRequest;

/**
 * The answers to a confirmation prompt: Approve or Cancel pressed by the sender, a press by anyone
 * else, and no answer in time. Pure: the held command is looked up by the caller and passed in.
 *
 * <p>Only the chat user who typed the command may answer, compared by immutable id in the
 * workspace, never by name. The press is an INTERACTION event of the same conversation, so it
 * reaches the task that holds the command.
 */
final class Confirmations {

  /** Action id of the Approve button; its value is the held request id. */
  static final String APPROVE = "switchboard.confirm";

  /** Action id of the Cancel button; its value is the held request id. */
  static final String CANCEL = "switchboard.cancel";

  private Confirmations() {}

  /** The held request id a press of one of the matcher's buttons refers to; empty otherwise. */
  static Optional<String> pressed(ChatEvent event) {
    if (event.getKind() != ChatEventKind.INTERACTION || event.getInteraction() == null) {
      return Optional.empty();
    }
    String action = event.getInteraction().getActionId();
    if (!APPROVE.equals(action) && !CANCEL.equals(action)) {
      return Optional.empty();
    }
    return Optional.ofNullable(event.getInteraction().getValue());
  }

  /** Whether {@code held} has waited longer than {@code timeout} at {@code now}. */
  static boolean expired(CommandRequest held, Duration timeout, Instant now) {
    return !held.getMatchedAt().plus(timeout).isAfter(now);
  }

  /**
   * What a press does.
   *
   * @param held the command held under the pressed request id; null when none is held
   * @param rules the current policies, to learn whether the allowing rule has a rate limit
   */
  static List<MatcherOutput> answer(
      ChatEvent press, CommandRequest held, PolicyRules rules, Duration timeout, Instant now) {
    String pressId = CommandDecisions.requestIdOf(press);
    if (held == null) {
      return List.of(
          new MatcherOutput.Answer(MatcherReplies.confirmationGone(press, pressId, now)));
    }
    if (expired(held, timeout, now)) {
      List<MatcherOutput> outputs = new ArrayList<>(expire(held, timeout, now));
      outputs.add(new MatcherOutput.Answer(MatcherReplies.confirmationGone(press, pressId, now)));
      return outputs;
    }
    boolean bySender =
        ChatIdentity.of(press.getConversation(), press.getSender())
            .equals(ChatIdentity.of(held.getConversation(), held.getSender()));
    if (!bySender) {
      return List.of(
          new MatcherOutput.Answer(
              MatcherReplies.confirmationRefused(press, pressId, held.getSender().getId(), now)),
          new AuditContext(
                  press.getConversation(),
                  press.getSender(),
                  press.getEventId(),
                  pressId,
                  held.getCommand(),
                  null)
              .entry(
                  AuditDecision.DENIED,
                  "only "
                      + held.getSender().getId()
                      + " may confirm request "
                      + held.getRequestId(),
                  held.getDecidedBy(),
                  held,
                  now));
    }
    AuditContext audit = AuditContext.of(held);
    if (CANCEL.equals(press.getInteraction().getActionId())) {
      return List.of(
          new MatcherOutput.Release(held.getRequestId()),
          new MatcherOutput.Answer(MatcherReplies.cancelled(held, now)),
          audit.entry(
              AuditDecision.DENIED, "cancelled by the sender", held.getDecidedBy(), held, now));
    }
    List<MatcherOutput> outputs = new ArrayList<>();
    outputs.add(new MatcherOutput.Release(held.getRequestId()));
    outputs.add(
        audit.entry(
            AuditDecision.CONFIRMED, "confirmed by the sender", held.getDecidedBy(), held, now));
    boolean rateLimited = rules.rule(held.getDecidedBy()).map(r -> r.quota() != null).orElse(false);
    outputs.addAll(CommandDecisions.release(held, rateLimited, now));
    return outputs;
  }

  /** A held command nobody confirmed in time: dropped, and the sender told. */
  static List<MatcherOutput> expire(CommandRequest held, Duration timeout, Instant now) {
    return List.of(
        new MatcherOutput.Release(held.getRequestId()),
        new MatcherOutput.Answer(MatcherReplies.expired(held, timeout, now)),
        AuditContext.of(held)
            .entry(
                AuditDecision.DENIED,
                "not confirmed within " + Durations.text(timeout),
                held.getDecidedBy(),
                held,
                now));
  }
}
