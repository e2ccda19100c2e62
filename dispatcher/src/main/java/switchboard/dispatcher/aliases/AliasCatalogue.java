package switchboard.dispatcher.aliases;

import java.util.Optional;
import switchboard.records.AliasDefinition;

/** The alias catalogue as the dispatcher last published it on {@code chatops.aliases}. */
@FunctionalInterface
public interface AliasCatalogue {

  /** The alias with this ref ({@code <pack>.<name>}); empty when it is unknown. */
  Optional<AliasDefinition> find(String ref);
}
