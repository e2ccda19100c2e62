package switchboard.matcher;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.FormatProblem;
import switchboard.matcher.match.IndexedAliasMatcher;
import switchboard.records.AliasDefinition;

/** The compiled alias catalogue: the view of {@code chatops.aliases} the matcher matches with. */
final class AliasCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(AliasCatalog.class);

  /** An immutable view: the aliases and the matcher compiled from them. */
  record Snapshot(List<Alias> aliases, IndexedAliasMatcher matcher) {

    static Snapshot empty() {
      return new Snapshot(List.of(), new IndexedAliasMatcher(List.of()));
    }
  }

  private AliasCatalog() {}

  /** Compiles the alias records; a format that does not compile skips only itself. */
  static Snapshot compile(Map<String, AliasDefinition> definitions, int suggestionLimit) {
    List<Alias> aliases = definitions.values().stream().map(AliasDefinitions::toAlias).toList();
    IndexedAliasMatcher matcher = new IndexedAliasMatcher(aliases, suggestionLimit);
    for (FormatProblem problem : matcher.problems()) {
      LOG.warn("alias format skipped, other aliases keep working: {}", problem);
    }
    LOG.info("alias catalogue: {} aliases compiled", aliases.size());
    return new Snapshot(aliases, matcher);
  }
}
