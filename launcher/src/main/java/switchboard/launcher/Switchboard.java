package switchboard.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import switchboard.launcher.alias.AliasCommand;
import switchboard.launcher.audit.AuditCommand;
import switchboard.launcher.identity.IdentityCommand;
import switchboard.launcher.policy.PolicyCommand;
import switchboard.launcher.run.RunCommand;
import switchboard.launcher.run.UpCommand;
import switchboard.schemas.RecordTrust;

/** The {@code switchboard} command. */
@Command(
    name = "switchboard",
    // Inherited, so every subcommand answers --help and --version.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "switchboard 0.1.0",
    description = "Event-streaming ChatOps for StackStorm on Apache Kafka.",
    subcommands = {
      UpCommand.class,
      RunCommand.class,
      AliasCommand.class,
      IdentityCommand.class,
      PolicyCommand.class,
      AuditCommand.class
    })
public final class Switchboard {

  public static void main(String[] args) {
    RecordTrust.install();
    // The JDK HTTP server (console, StackStorm sandbox) otherwise waits for delayed ACKs: ~40 ms a
    // response.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.exit(commandLine().execute(args));
  }

  /** The command tree, for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Switchboard());
  }
}
