package switchboard.matcher.identity;

import java.util.List;
import java.util.Objects;

/**
 * The StackStorm side of a link: the user commands run as, and the groups policies may name.
 *
 * @param stackstormUser StackStorm user name; never null or empty
 * @param groups group names, in link order, without duplicates; never null
 */
public record LinkedUser(String stackstormUser, List<String> groups) {

  public LinkedUser {
    Objects.requireNonNull(stackstormUser, "stackstormUser");
    if (stackstormUser.isEmpty()) {
      throw new IllegalArgumentException("StackStorm user must not be empty");
    }
    groups = groups == null ? List.of() : groups.stream().distinct().toList();
  }
}
