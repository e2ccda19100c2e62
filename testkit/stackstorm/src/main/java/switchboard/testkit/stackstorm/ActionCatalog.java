package switchboard.testkit.stackstorm;

import java.util.List;
import java.util.Optional;

/** The double's actions: programmed, built in, and the implicit action of every alias. */
interface ActionCatalog {

  Optional<ActionSpec> find(String ref);

  /** Every action, by ref. */
  List<ActionSpec> all();
}
