package switchboard.launcher.alias;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import switchboard.matcher.catalog.AliasCatalogReader;
import switchboard.matcher.catalog.AliasTestCases;
import switchboard.matcher.grammar.AliasFormatParser;
import switchboard.matcher.grammar.AliasParseException;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.IndexedAliasMatcher;
import switchboard.matcher.match.MatchResult;

/** {@code switchboard alias}: StackStorm's alias grammar on the command line, for pack authors. */
@Command(
    name = "alias",
    description =
        "Parse, match and test StackStorm action-alias formats exactly as StackStorm does.",
    subcommands = {AliasCommand.Parse.class, AliasCommand.Match.class, AliasCommand.Test.class})
public final class AliasCommand {

  /** Exit code for "the command does not fit", as distinct from a usage error (picocli's 2). */
  static final int NO_MATCH = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Command(
      name = "parse",
      description = "Print the parameters StackStorm would extract from COMMAND, as JSON.")
  static final class Parse implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--format", required = true, description = "The alias format string.")
    String format;

    @Parameters(paramLabel = "COMMAND", description = "The chat command, without the bot prefix.")
    String command;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Map<String, String> parameters = AliasFormatParser.parse(format, command);
        out.println(JSON.writeValueAsString(parameters));
        return 0;
      } catch (AliasParseException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return NO_MATCH;
      }
    }
  }

  @Command(
      name = "match",
      description =
          "Match COMMAND against aliases as StackStorm's /actionalias/match does; print the match,"
              + " the ambiguity or the closest commands.")
  static final class Match implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--aliases",
        required = true,
        paramLabel = "FILE|DIR",
        description =
            "Aliases as JSON in the shape of GET /api/v1/actionalias, a pack directory, or one"
                + " alias YAML file.")
    Path aliases;

    @Parameters(paramLabel = "COMMAND", description = "The chat command, without the bot prefix.")
    String command;

    @Override
    public Integer call() throws Exception {
      List<Alias> catalogue = AliasCatalogReader.read(aliases);
      IndexedAliasMatcher matcher = new IndexedAliasMatcher(catalogue);
      matcher.problems().forEach(p -> spec.commandLine().getErr().println("skipped: " + p));
      MatchResult result = matcher.match(command);
      PrintWriter out = spec.commandLine().getOut();
      ObjectNode json = JSON.createObjectNode();
      if (result instanceof MatchResult.Matched matched) {
        json.put("result", "match")
            .put("alias", matched.alias().ref())
            .put("action", matched.alias().actionRef())
            .put("representation", matched.representation())
            .put("display", matched.display());
        json.set("parameters", JSON.valueToTree(matched.parameters()));
        out.println(JSON.writeValueAsString(json));
        return 0;
      }
      if (result instanceof MatchResult.Ambiguous ambiguous) {
        json.put("result", "ambiguous").put("faultstring", ambiguous.st2Faultstring());
        json.set(
            "candidates",
            JSON.valueToTree(
                ambiguous.candidates().stream()
                    .map(
                        c -> Map.of("alias", c.alias().ref(), "representation", c.representation()))
                    .toList()));
      } else {
        MatchResult.NoMatch noMatch = (MatchResult.NoMatch) result;
        json.put("result", "no-match").put("faultstring", noMatch.st2Faultstring());
        json.set(
            "suggestions",
            JSON.valueToTree(
                noMatch.suggestions().stream()
                    .map(s -> Map.of("alias", s.alias().ref(), "display", s.display()))
                    .toList()));
      }
      out.println(JSON.writeValueAsString(json));
      return NO_MATCH;
    }
  }

  @Command(
      name = "test",
      description =
          "Run alias test cases (JSON or YAML: format, command, and expect or error), as in a"
              + " pack's CI; print each failure, then 'N passed, M failed'.")
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CASES", description = "A cases file, JSON or YAML.")
    Path cases;

    @Override
    public Integer call() throws Exception {
      AliasTestCases.Report report = AliasTestCases.run(AliasTestCases.read(cases));
      PrintWriter out = spec.commandLine().getOut();
      for (AliasTestCases.Failure failure : report.failures()) {
        out.printf(
            "FAILED %s%n  format:   %s%n  command:  %s%n  expected: %s%n  actual:   %s%n",
            failure.id() == null ? "" : failure.id(),
            failure.format(),
            failure.command(),
            failure.expected(),
            failure.actual());
      }
      out.println(report.summary());
      return report.failures().isEmpty() ? 0 : 1;
    }
  }
}
