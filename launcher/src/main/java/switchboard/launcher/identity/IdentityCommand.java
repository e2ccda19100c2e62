package switchboard.launcher.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import switchboard.matcher.document.DocumentException;
import switchboard.matcher.document.IdentityDocuments;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.records.IdentityLink;

/**
 * {@code switchboard identity}: which StackStorm user each chat user acts as, on the compacted
 * {@code chatops.identities} topic. A chat user is always the provider's immutable id in its
 * workspace (chat-providers.md §0), never a display name; the matcher applies a change to the next
 * message.
 */
@Command(
    name = "identity",
    description = "Link chat users (immutable provider ids) to StackStorm users.",
    subcommands = {
      IdentityCommand.Link.class,
      IdentityCommand.Unlink.class,
      IdentityCommand.ListLinks.class,
      IdentityCommand.Import.class
    })
public final class IdentityCommand {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The chat user options shared by link and unlink. */
  static final class ChatUserOptions {
    @Option(
        names = "--provider",
        required = true,
        description = "Provider id: slack, teams, mattermost, rocketchat, webex, xmpp, irc, ...")
    String provider;

    @Option(
        names = "--workspace",
        defaultValue = "",
        description =
            "Workspace: Slack team id, Teams tenant id, ...; omit for providers without one.")
    String workspace;

    @Option(
        names = "--user",
        required = true,
        description =
            "The provider's immutable user id (Slack U..., Teams AAD object id, XMPP bare JID,"
                + " IRC services account), never a display name.")
    String user;

    ChatIdentity identity() {
      return new ChatIdentity(provider, workspace, user);
    }
  }

  @Command(name = "link", description = "Link one chat user to a StackStorm user.")
  static final class Link implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Mixin ChatUserOptions chat;

    @Option(names = "--st2-user", required = true, description = "StackStorm user name.")
    String stackstormUser;

    @Option(names = "--group", description = "A group policies may name; repeat for several.")
    List<String> groups = new ArrayList<>();

    @Option(
        names = "--by",
        defaultValue = "admin:${sys:user.name}",
        description = "Recorded as linkedBy (default: ${DEFAULT-VALUE}).")
    String by;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          null,
          () -> {
            IdentityLink link =
                IdentityDocuments.link(
                    chat.provider,
                    chat.workspace,
                    chat.user,
                    stackstormUser,
                    groups,
                    by,
                    clock.instant());
            try (Cluster topics = connect(cluster)) {
              String key = ChatIdentity.of(link).key();
              topics.write(topics.topics().identities(), List.of(Map.entry(key, link)));
              spec.commandLine().getOut().println("linked " + key + " to " + describe(link));
            }
            return 0;
          });
    }
  }

  @Command(name = "unlink", description = "Remove the link of one chat user.")
  static final class Unlink implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Mixin ChatUserOptions chat;

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          null,
          () -> {
            String key = chat.identity().key();
            try (Cluster topics = connect(cluster)) {
              IdentityLink current = topics.latest(topics.topics().identities()).get(key);
              if (current == null) {
                spec.commandLine().getErr().println(key + " is not linked");
                return ClusterCall.FAILED;
              }
              List<Map.Entry<String, IdentityLink>> tombstone = new ArrayList<>();
              tombstone.add(new java.util.AbstractMap.SimpleEntry<>(key, null));
              topics.write(topics.topics().identities(), tombstone);
              spec.commandLine()
                  .getOut()
                  .println("unlinked " + key + " (was " + describe(current) + ")");
            }
            return 0;
          });
    }
  }

  @Command(name = "list", description = "List the links, optionally filtered.")
  static final class ListLinks implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Option(names = "--provider", description = "Only this provider.")
    String provider;

    @Option(names = "--workspace", description = "Only this workspace.")
    String workspace;

    @Option(names = "--st2-user", description = "Only chat users linked to this StackStorm user.")
    String stackstormUser;

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
            List<IdentityLink> links;
            try (Cluster topics = connect(cluster)) {
              links =
                  topics.latest(topics.topics().identities()).values().stream()
                      .filter(l -> provider == null || provider.equals(l.getProvider()))
                      .filter(l -> workspace == null || workspace.equals(l.getWorkspace()))
                      .filter(
                          l ->
                              stackstormUser == null
                                  || stackstormUser.equals(l.getStackstormUser()))
                      .sorted(
                          java.util.Comparator.comparing(
                              (IdentityLink l) -> ChatIdentity.of(l).key()))
                      .toList();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.JSON) {
              out.println(
                  JSON.writeValueAsString(links.stream().map(IdentityCommand::json).toList()));
            } else {
              TextTable table =
                  new TextTable("CHAT USER", "STACKSTORM USER", "GROUPS", "LINKED BY", "LINKED AT");
              links.forEach(
                  l ->
                      table.row(
                          ChatIdentity.of(l).key(),
                          l.getStackstormUser(),
                          String.join(",", l.getGroups()),
                          l.getLinkedBy(),
                          l.getLinkedAt().toString()));
              out.print(table.render());
            }
            return 0;
          });
    }
  }

  @Command(
      name = "import",
      description =
          "Link many chat users at once from a CSV (provider,workspace,user,st2_user,groups; groups"
              + " separated by ';') or YAML file. Every row is checked first; nothing is written"
              + " if any is wrong.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClusterOptions cluster;

    @Parameters(paramLabel = "FILE", description = "A .csv, .yaml or .yml file.")
    Path file;

    @Option(names = "--dry-run", description = "Check and compare, but write nothing.")
    boolean dryRun;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
      return ClusterCall.run(
          spec,
          file.toString(),
          () -> {
            List<IdentityLink> links = read(file, "import:" + file.getFileName(), clock.instant());
            try (Cluster topics = connect(cluster)) {
              Map<String, IdentityLink> current = topics.latest(topics.topics().identities());
              List<Map.Entry<String, IdentityLink>> changes = new ArrayList<>();
              int added = 0;
              for (IdentityLink link : links) {
                String key = ChatIdentity.of(link).key();
                IdentityLink before = current.get(key);
                if (before == null) {
                  added++;
                }
                if (before == null || !sameUser(before, link)) {
                  changes.add(Map.entry(key, link));
                }
              }
              if (!dryRun) {
                topics.write(topics.topics().identities(), changes);
              }
              spec.commandLine()
                  .getOut()
                  .printf(
                      "%d links in %s: %d new, %d changed, %d unchanged%s%n",
                      links.size(),
                      file.getFileName(),
                      added,
                      changes.size() - added,
                      links.size() - changes.size(),
                      dryRun ? " (dry run: nothing written)" : "");
            }
            return 0;
          });
    }

    private static List<IdentityLink> read(Path file, String linkedBy, Instant now)
        throws Exception {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      String text = Files.readString(file);
      if (name.endsWith(".csv")) {
        return IdentityDocuments.parseCsv(text, linkedBy, now);
      }
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        return IdentityDocuments.parseYaml(text, linkedBy, now);
      }
      throw new DocumentException(
          List.of(new DocumentException.Problem(1, 1, "", "must end in .csv, .yaml or .yml")));
    }
  }

  private static Cluster connect(ClusterOptions options) {
    return Cluster.connect(
        options,
        List.of(switchboard.schemas.Topics.withPrefix(options.topicsPrefix()).identities().name()));
  }

  private static boolean sameUser(IdentityLink a, IdentityLink b) {
    return Objects.equals(a.getStackstormUser(), b.getStackstormUser())
        && Objects.equals(a.getGroups(), b.getGroups());
  }

  private static String describe(IdentityLink link) {
    return link.getStackstormUser()
        + (link.getGroups().isEmpty()
            ? ""
            : " (groups: " + String.join(", ", link.getGroups()) + ")");
  }

  private static Map<String, Object> json(IdentityLink link) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("provider", link.getProvider());
    json.put("workspace", link.getWorkspace());
    json.put("user", link.getChatUserId());
    json.put("st2_user", link.getStackstormUser());
    json.put("groups", link.getGroups());
    json.put("linked_by", link.getLinkedBy());
    json.put("linked_at", link.getLinkedAt().toString());
    return json;
  }
}
