package switchboard.bench.e2e;

import java.util.List;
import switchboard.bench.matcher.AliasCatalogues;
import switchboard.matcher.match.Alias;
import switchboard.testkit.stackstorm.StackStormDouble;

/** Puts a generated alias catalogue ({@link AliasCatalogues}) into the StackStorm double. */
final class GeneratedCatalogue {

  private GeneratedCatalogue() {}

  /** Adds {@code size} aliases to {@code stackstorm}; their actions exist implicitly. */
  static void serve(StackStormDouble stackstorm, int size) {
    List<Alias> catalogue = AliasCatalogues.catalogue(size);
    stackstorm.putAliases(catalogue);
  }
}
