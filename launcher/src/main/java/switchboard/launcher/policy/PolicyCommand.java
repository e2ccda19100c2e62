package switchboard.launcher.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import switchboard.launcher.admin.Cluster;
import switchboard.launcher.admin.ClusterCall;
import switchboard.launcher.admin.ClusterOptions;
import switchboard.launcher.admin.OutputFormat;
import switchboard.launcher.admin.TextTable;
import switchboard.matcher.AliasDefinitions;
import switchboard.matcher.catalog.AliasCatalogReader;
import switchboard.matcher.document.PolicyDocuments;
import switchboard.matcher.identity.IdentityDirectory;
import switchboard.matcher.match.Alias;
import switchboard.matcher.policy.PolicyRules;
import switchboard.records.Policy;
import switchboard.schemas.Topics;

/**
 * {@code switchboard policy}: who may run what, where. Policy documents (YAML) are validated, every
 * problem naming its line, and applied whole to the compacted {@code chatops.policies} topic, one
 * version per apply; the matcher enforces them from the next message on.
 */
@Command(
    name = "policy",
    description = "Apply, test and list the policies the alias matcher enforces.",
    subcommands = {
      PolicyCommand.Apply.class,
      PolicyCommand.Test.class,
      PolicyCommand.ListPolicies.class,
      PolicyCommand.Show.class,
      PolicyCommand.Delete.class
    })
public final class PolicyCommand {

  /** Exit code of {@code policy test} when the command would be denied. */
  static final int DENIED = 3;

  /** Exit code of {@code policy test} when the command matches no single alias. */
  static final int NO_SINGLE_MATCH = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Command(
      name = "apply",
      description =
          "Validate a policy file (one or more documents separated by ---) and apply each document,"
              + " replacing the one of the same name.")
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Option(
        names = {"-f", "--file"},
        required = true,
        description = "The policy YAML file.")
    Path file;

    @Option(
        names = "--by",
        defaultValue = "admin:${sys:user.name}",
        description = "Recorded as appliedBy (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--dry-run", description = "Validate only; write nothing.")
    boolean dryRun;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          file.toString(),
          () -> {
            List<Policy> documents =
                PolicyDocuments.parse(Files.readString(file), by, clock.instant());
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
              documents.forEach(
                  d -> out.println(d.getName() + ": valid, " + d.getRules().size() + " rules"));
              return 0;
            }
            try (Cluster topics = connect(cluster)) {
              Map<String, Policy> current = topics.latest(topics.topics().policies());
              List<Map.Entry<String, Policy>> changes = new ArrayList<>();
              for (Policy document : documents) {
                Policy before = current.get(document.getName());
                if (before != null && before.getRules().equals(document.getRules())) {
                  out.println(
                      document.getName() + " unchanged (version " + before.getVersion() + ")");
                  continue;
                }
                Policy versioned =
                    Policy.newBuilder(document)
                        .setVersion(before == null ? 1 : before.getVersion() + 1)
                        .build();
                changes.add(Map.entry(versioned.getName(), versioned));
                out.println(
                    "applied "
                        + versioned.getName()
                        + " version "
                        + versioned.getVersion()
                        + " ("
                        + versioned.getRules().size()
                        + " rules)");
              }
              topics.write(topics.topics().policies(), changes);
            }
            return 0;
          });
    }
  }

  @Command(
      name = "test",
      description =
          "Print what the matcher would decide for COMMAND from a chat user in a conversation, and"
              + " the rule that decides it, without running anything. Exit 0: allowed; 3: denied;"
              + " 2: the command matches no single alias.")
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Option(names = "--provider", required = true, description = "Provider id, e.g. slack.")
    String provider;

    @Option(names = "--workspace", defaultValue = "", description = "Workspace id.")
    String workspace;

    @Option(names = "--channel", required = true, description = "Channel id.")
    String channel;

    @Option(names = "--direct", description = "The channel is a direct conversation.")
    boolean direct;

    @Option(names = "--user", required = true, description = "The chat user's immutable id.")
    String user;

    @Option(
        names = "--aliases",
        paramLabel = "FILE|DIR",
        description =
            "Aliases as JSON (GET /api/v1/actionalias), a pack directory or an alias YAML;"
                + " default: the chatops.aliases topic.")
    Path aliases;

    @Option(
        names = {"-f", "--policies"},
        paramLabel = "FILE",
        description =
            "A policy file to try before applying it: its documents replace those of the same name"
                + " on the topic.")
    Path draft;

    @Parameters(paramLabel = "COMMAND", description = "The chat command, without the bot prefix.")
    String command;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          draft == null ? null : draft.toString(),
          () -> {
            List<Policy> drafts =
                draft == null
                    ? List.of()
                    : PolicyDocuments.parse(Files.readString(draft), "draft", clock.instant());
            Topics names = Topics.withPrefix(cluster.topicsPrefix());
            List<String> needed = new ArrayList<>(List.of(names.identities().name()));
            needed.add(names.policies().name());
            if (aliases == null) {
              needed.add(names.aliases().name());
            }
            PolicyTrial trial;
            try (Cluster topics = Cluster.connect(cluster, needed)) {
              Map<String, Policy> policies = new LinkedHashMap<>(topics.latest(names.policies()));
              drafts.forEach(d -> policies.put(d.getName(), d));
              List<Alias> catalogue =
                  aliases != null
                      ? AliasCatalogReader.read(aliases)
                      : topics.latest(names.aliases()).values().stream()
                          .map(AliasDefinitions::toAlias)
                          .toList();
              trial =
                  new PolicyTrial(
                      catalogue,
                      IdentityDirectory.of(topics.latest(names.identities()).values()),
                      PolicyRules.compile(policies.values()));
            }
            PolicyTrial.Outcome outcome =
                trial.decide(provider, workspace, channel, direct, user, command, clock.instant());
            spec.commandLine().getOut().print(outcome.report());
            return outcome.exitCode();
          });
    }
  }

  @Command(name = "list", description = "List the applied policy documents.")
  static final class ListPolicies implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Option(
        names = "--format",
        defaultValue = "table",
        converter = OutputFormat.Converter.class,
        description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          null,
          () -> {
            List<Policy> documents;
            try (Cluster topics = connect(cluster)) {
              documents =
                  topics.latest(topics.topics().policies()).values().stream()
                      .sorted(Comparator.comparing(Policy::getName))
                      .toList();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.JSON) {
              out.println(
                  JSON.writeValueAsString(
                      documents.stream()
                          .map(
                              d ->
                                  Map.of(
                                      "name", d.getName(),
                                      "version", d.getVersion(),
                                      "rules",
                                          d.getRules().stream()
                                              .map(r -> d.getName() + "/" + r.getId())
                                              .toList(),
                                      "applied_by", d.getAppliedBy(),
                                      "applied_at", d.getAppliedAt().toString()))
                          .toList()));
            } else {
              TextTable table =
                  new TextTable("NAME", "VERSION", "RULES", "APPLIED BY", "APPLIED AT");
              documents.forEach(
                  d ->
                      table.row(
                          d.getName(),
                          Integer.toString(d.getVersion()),
                          Integer.toString(d.getRules().size()),
                          d.getAppliedBy(),
                          d.getAppliedAt().toString()));
              out.print(table.render());
            }
            return 0;
          });
    }
  }

  @Command(name = "show", description = "Print an applied policy document as it was applied.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Parameters(paramLabel = "NAME", description = "The document name.")
    String name;

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          null,
          () -> {
            Optional<Policy> policy;
            try (Cluster topics = connect(cluster)) {
              policy = Optional.ofNullable(topics.latest(topics.topics().policies()).get(name));
            }
            if (policy.isEmpty()) {
              spec.commandLine().getErr().println("no policy named " + name);
              return ClusterCall.FAILED;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                "# %s version %d, applied by %s at %s%n",
                name,
                policy.get().getVersion(),
                policy.get().getAppliedBy(),
                policy.get().getAppliedAt());
            out.println(policy.get().getSource());
            return 0;
          });
    }
  }

  @Command(
      name = "delete",
      description = "Withdraw a policy document; what it allowed is denied from the next message.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Parameters(paramLabel = "NAME", description = "The document name.")
    String name;

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          null,
          () -> {
            try (Cluster topics = connect(cluster)) {
              if (!topics.latest(topics.topics().policies()).containsKey(name)) {
                spec.commandLine().getErr().println("no policy named " + name);
                return ClusterCall.FAILED;
              }
              List<Map.Entry<String, Policy>> tombstone = new ArrayList<>();
              tombstone.add(new AbstractMap.SimpleEntry<>(name, null));
              topics.write(topics.topics().policies(), tombstone);
            }
            spec.commandLine().getOut().println("deleted " + name);
            return 0;
          });
    }
  }

  private static Cluster connect(ClusterOptions options) {
    return Cluster.connect(
        options, List.of(Topics.withPrefix(options.topicsPrefix()).policies().name()));
  }
}
