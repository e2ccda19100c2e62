package switchboard.bench.e2e;

import java.util.List;
import switchboard.bench.matcher.AliasCatalogues;
import switchboard.matcher.match.Alias;
import switchboard.testkit.stackstorm.ActionSpec;
import switchboard.testkit.stackstorm.StackStormDouble;

/** Puts a generated alias catalogue ({@link AliasCatalogues}) into the StackStorm double. */
final class GeneratedCatalogue {

  private GeneratedCatalogue() {}

  /** Adds {@code size} aliases, and their actions, to {@code stackstorm}. */
  static void serve(StackStormDouble stackstorm, int size) {
    List<Alias> catalogue = AliasCatalogues.catalogue(size);
    stackstorm.putAliases(catalogue);
    // Declared up front: the double otherwise looks for an undeclared action among all aliases on
    // every call, a cost of the double that would grow with the catalogue.
    catalogue.forEach(a -> stackstorm.programAction(ActionSpec.of(a.actionRef())));
  }
}
