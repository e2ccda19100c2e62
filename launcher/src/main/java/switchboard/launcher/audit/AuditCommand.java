package switchboard.launcher.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import switchboard.launcher.admin.Cluster;
import switchboard.launcher.admin.ClusterCall;
import switchboard.launcher.admin.ClusterOptions;
import switchboard.launcher.admin.OutputFormat;
import switchboard.launcher.admin.TextTable;
import switchboard.records.AuditRecord;
import switchboard.schemas.Topics;

/**
 * {@code switchboard audit}: reads {@code chatops.audit} and answers "who ran what, where, as whom,
 * with what result" (architecture.md "Replay and audit"), one line per request.
 */
@Command(
    name = "audit",
    description =
        "Who ran what, where, as whom, with what result: the matcher's decisions and the"
            + " dispatcher's outcomes on chatops.audit, one line per request.")
public final class AuditCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--since",
      required = true,
      converter = TimeSpec.Checked.class,
      description =
          "From when: 2026-11-28T10:00:00Z, 2026-11-28T10:00 (UTC), 2026-11-28, or an age such as"
              + " 90m, 2h, 7d.")
  String since;

  @Option(
      names = "--until",
      converter = TimeSpec.Checked.class,
      description = "Until when, in the same forms (default: now).")
  String until;

  @Option(
      names = "--user",
      description =
          "Only requests by this chat user id or StackStorm user (never a display name, which"
              + " anyone can take).")
  String user;

  @Option(names = "--channel", description = "Only this channel id (a glob, e.g. 'C0*').")
  String channel;

  @Option(names = "--alias", description = "Only this alias ref (a glob, e.g. 'packs.*').")
  String alias;

  @Option(
      names = "--format",
      defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    return ClusterCall.run(
        spec,
        null,
        () -> {
          Instant now = clock.instant();
          Instant from = TimeSpec.parse(since, now).orElseThrow();
          Instant to = until == null ? null : TimeSpec.parse(until, now).orElseThrow();
          List<AuditRecord> entries;
          Topics topics = Topics.withPrefix(cluster.topicsPrefix());
          try (Cluster reader = Cluster.connect(cluster, List.of(topics.audit().name()))) {
            entries = reader.since(topics.audit(), from);
          }
          List<AuditRow> rows =
              AuditTrail.rows(entries, new AuditTrail.Query(user, channel, alias, to));
          PrintWriter out = spec.commandLine().getOut();
          if (format == OutputFormat.JSON) {
            out.println(JSON.writeValueAsString(rows.stream().map(AuditCommand::json).toList()));
          } else {
            out.print(table(rows));
          }
          return 0;
        });
  }

  static String table(List<AuditRow> rows) {
    TextTable table =
        new TextTable(
            "TIME",
            "WHO",
            "AS",
            "WHERE",
            "COMMAND",
            "ALIAS",
            "DECISION",
            "RULE",
            "EXECUTION",
            "RESULT");
    for (AuditRow row : rows) {
      table.row(
          row.time().toString(),
          row.chatUser() + (row.displayName() == null ? "" : " (" + row.displayName() + ")"),
          row.stackstormUser(),
          row.where(),
          row.command(),
          row.aliasRef(),
          row.decision() == null
              ? null
              : row.decision()
                  + (row.confirmed() && !"CONFIRMED".equals(row.decision()) ? " (confirmed)" : ""),
          row.rule(),
          row.executionId(),
          row.result());
    }
    return table.render();
  }

  private static Map<String, Object> json(AuditRow row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("request_id", row.requestId());
    json.put("time", row.time().toString());
    json.put("chat_user", row.chatUser());
    json.put("display_name", row.displayName());
    json.put("stackstorm_user", row.stackstormUser());
    json.put("where", row.where());
    json.put("command", row.command());
    json.put("alias", row.aliasRef());
    json.put(
        "parameters",
        row.parameters().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> String.valueOf(e.getValue()),
                    (a, b) -> a,
                    LinkedHashMap::new)));
    json.put("decision", row.decision());
    json.put("confirmed", row.confirmed());
    json.put("rule", row.rule());
    json.put("execution_id", row.executionId());
    json.put("result", row.result());
    return json;
  }
}
