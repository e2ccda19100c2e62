package switchboard.matcher;

import org.apache.kafka.streams.StreamsBuilder;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.policy.PolicyRules;
import switchboard.records.AliasDefinition;
import switchboard.records.IdentityLink;
import switchboard.records.Policy;
import switchboard.schemas.Topics;
import switchboard.schemas.serde.RecordSerdes;

/**
 * The three global tables the matcher decides with: the alias catalogue, the identity directory and
 * the policy rules, each compiled once per change and shared by every task of the instance.
 */
record MatcherTables(
    SharedTable<AliasDefinition, AliasCatalog.Snapshot> aliases,
    SharedTable<IdentityLink, IdentityDirectory> identities,
    SharedTable<Policy, PolicyRules> policies) {

  static final String ALIASES_STORE = "aliases-by-ref";
  static final String IDENTITIES_STORE = "identity-lookup";
  static final String POLICIES_STORE = "policy-rules";

  static MatcherTables create(Topics topics, RecordSerdes serdes, MatcherSettings settings) {
    return new MatcherTables(
        new SharedTable<>(
            ALIASES_STORE,
            topics.aliases(),
            serdes,
            AliasCatalog.Snapshot.empty(),
            records -> AliasCatalog.compile(records, settings.suggestionLimit())),
        new SharedTable<>(
            IDENTITIES_STORE,
            topics.identities(),
            serdes,
            IdentityDirectory.empty(),
            AccessTables::identities),
        new SharedTable<>(
            POLICIES_STORE,
            topics.policies(),
            serdes,
            PolicyRules.empty(),
            AccessTables::policies));
  }

  /** Adds the three global stores to {@code builder}. */
  void addTo(StreamsBuilder builder) {
    aliases.addTo(builder, "alias-catalogue");
    identities.addTo(builder, "identity-links");
    policies.addTo(builder, "policy-documents");
  }
}
