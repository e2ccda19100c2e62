package switchboard.launcher.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One request as the audit trail tells it: who ran what, where, as whom, with what result.
 *
 * @param requestId the request id, or the audit id of an entry without one
 * @param time when the first entry of the request was written
 * @param chatUser {@code provider/workspace/user id}: who, by immutable id
 * @param displayName the chat name at the time, informational only; may be null
 * @param stackstormUser as whom; null when the user was not linked
 * @param where {@code provider/workspace/channel}
 * @param command as typed, secrets masked; may be null
 * @param aliasRef the alias that matched; may be null
 * @param parameters secrets masked; never null
 * @param decision the matcher's last decision, e.g. ALLOWED, DENIED, NO_MATCH
 * @param confirmed whether the user confirmed the command before it was allowed
 * @param rule the rule that decided; may be null
 * @param executionId StackStorm's execution id, once the dispatcher ran it; may be null
 * @param result the execution's last status (succeeded, failed, ...), or the dispatcher's refusal;
 *     may be null
 */
record AuditRow(
    String requestId,
    Instant time,
    String chatUser,
    String displayName,
    String stackstormUser,
    String where,
    String command,
    String aliasRef,
    Map<String, String> parameters,
    String decision,
    boolean confirmed,
    String rule,
    String executionId,
    String result) {}
