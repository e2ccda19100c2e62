package switchboard.dispatcher.stackstorm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters of {@code GET /api/v1/executions} (contract §5). StackStorm cannot filter on context
 * keys, so reconciliation lists recent executions and inspects them ({@link
 * Execution#requestId()}).
 *
 * @param actionRef only this action; null for all
 * @param status only this status; null for all
 * @param since only executions started after this instant ({@code timestamp_gt}); null for all
 * @param limit at most this many, newest first; 1 to 100 (st2's page size), or -1 for all
 */
public record ExecutionQuery(String actionRef, String status, Instant since, int limit) {

  /**
   * st2's timestamp filter pattern allows 3 to 6 fraction digits (openapi {@code timestamp_gt}).
   */
  private static final DateTimeFormatter ST2_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  public ExecutionQuery {
    if (limit == 0 || limit < -1 || limit > 100) {
      throw new IllegalArgumentException("limit must be 1..100 or -1: " + limit);
    }
  }

  /** Every execution started after {@code since}, newest first, at most {@code limit}. */
  public static ExecutionQuery startedAfter(Instant since, int limit) {
    return new ExecutionQuery(null, null, since, limit);
  }

  String queryString() {
    List<String> parts = new ArrayList<>();
    if (actionRef != null) {
      parts.add("action=" + encode(actionRef));
    }
    if (status != null) {
      parts.add("status=" + encode(status));
    }
    if (since != null) {
      parts.add("timestamp_gt=" + encode(ST2_TIME.format(since)));
    }
    parts.add("limit=" + limit);
    return String.join("&", parts);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
