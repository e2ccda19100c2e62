package switchboard.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.policy.PolicyRules;
import switchboard.records.IdentityLink;
import switchboard.records.Policy;

/**
 * Compiles {@code chatops.identities} and {@code chatops.policies} into the snapshots permission
 * decisions read.
 *
 * <p>A record whose key is not the key its content implies is skipped: a tombstone is written for
 * the implied key ({@code switchboard identity unlink}, {@code unlink} in chat), so a mis-keyed
 * link could never be removed.
 */
final class AccessTables {

  private static final Logger LOG = LoggerFactory.getLogger(AccessTables.class);

  private AccessTables() {}

  static IdentityDirectory identities(Map<String, IdentityLink> links) {
    List<IdentityLink> valid = new ArrayList<>();
    links.forEach(
        (key, link) -> {
          String expected = ChatIdentity.of(link).key();
          if (expected.equals(key)) {
            valid.add(link);
          } else {
            LOG.warn("identity link under key {} is for {} and is ignored", key, expected);
          }
        });
    IdentityDirectory directory = IdentityDirectory.of(valid);
    LOG.info("identities: {} chat users linked", directory.size());
    return directory;
  }

  static PolicyRules policies(Map<String, Policy> documents) {
    List<Policy> valid = new ArrayList<>();
    documents.forEach(
        (key, policy) -> {
          if (policy.getName().equals(key)) {
            valid.add(policy);
          } else {
            LOG.warn("policy under key {} is named {} and is ignored", key, policy.getName());
          }
        });
    PolicyRules rules = PolicyRules.compile(valid);
    LOG.info("policies: {} documents, {} rules", valid.size(), rules.rules().size());
    return rules;
  }
}
