package switchboard.matcher.policy;

import java.util.Map;
import java.util.Objects;
import switchboard.matcher.identity.LinkedUser;
import switchboard.records.Conversation;

/**
 * What the policy engine decides on: who (the linked StackStorm user and groups, never a chat
 * name), where (the conversation), and what (the alias, its action and the extracted parameters).
 *
 * @param user never null
 * @param where never null
 * @param aliasRef never null
 * @param actionRef may be null when the alias names none
 * @param parameters as extracted by the matcher; never null, values may be null
 */
public record AccessRequest(
    LinkedUser user,
    Conversation where,
    String aliasRef,
    String actionRef,
    Map<String, String> parameters) {

  public AccessRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(aliasRef, "aliasRef");
    parameters = parameters == null ? Map.of() : parameters;
  }
}
