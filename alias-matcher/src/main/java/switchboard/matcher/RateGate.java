package switchboard.matcher;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import switchboard.matcher.policy.CompiledRule;
import switchboard.matcher.policy.PolicyRules;
import switchboard.matcher.policy.Quota;
import switchboard.matcher.policy.RateLimits;
import switchboard.records.AuditDecision;
import switchboard.records.CommandRequest;

/**
 * Lets a rate-limited command through if its StackStorm user is within the quota of the rule that
 * allowed it. Commands arrive repartitioned by StackStorm user, so one user's commands from every
 * channel and workspace meet one usage log per rule; the admission itself is {@link RateLimits}.
 */
final class RateGate implements Processor<String, CommandRequest, String, MatcherOutput> {

  private final MatcherTables tables;
  private final Clock clock;
  private ProcessorContext<String, MatcherOutput> context;
  private KeyValueStore<String, List<Long>> usage;
  private Supplier<PolicyRules> policies;

  RateGate(MatcherTables tables, Clock clock) {
    this.tables = tables;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, MatcherOutput> context) {
    this.context = context;
    this.usage = context.getStateStore(AliasMatcherTopology.RATE_LIMIT_USAGE_STORE);
    this.policies = tables.policies().view(context);
  }

  @Override
  public void process(Record<String, CommandRequest> record) {
    CommandRequest command = record.value();
    Instant now = clock.instant();
    // The rule as it is now: a changed limit applies to the next command.
    Optional<Quota> quota = policies.get().rule(command.getDecidedBy()).map(CompiledRule::quota);
    List<MatcherOutput> outputs;
    if (quota.isEmpty()) {
      outputs = CommandDecisions.release(command, false, now);
    } else {
      String key = command.getStackstormUser() + "|" + command.getDecidedBy();
      RateLimits.Admission admission =
          RateLimits.admit(quota.get(), usage.get(key), now.toEpochMilli());
      usage.put(key, admission.log());
      outputs =
          admission.admitted()
              ? CommandDecisions.release(command, false, now)
              : List.of(
                  new MatcherOutput.Answer(
                      MatcherReplies.rateLimited(
                          command, quota.get(), admission.retryAfter(), now)),
                  AuditContext.of(command)
                      .entry(
                          AuditDecision.RATE_LIMITED,
                          "rate limit " + quota.get() + " reached",
                          command.getDecidedBy(),
                          command,
                          now));
    }
    for (MatcherOutput output : outputs) {
      context.forward(record.withKey(output.key()).withValue(output));
    }
  }
}
