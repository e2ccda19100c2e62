package switchboard.matcher.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * The chat commands about one's own identity, built into the matcher: they take precedence over
 * aliases of the same words, as {@code help} does, because a pack must not be able to shadow them.
 */
public enum SelfService {
  /** Which StackStorm user am I? */
  WHOAMI("whoami"),
  /** Start the self-service link: only in a direct conversation, answered with a one-time URL. */
  LINK("link"),
  /** Remove my own link. */
  UNLINK("unlink");

  private final String word;

  SelfService(String word) {
    this.word = word;
  }

  /** The word that invokes it. */
  public String word() {
    return word;
  }

  /**
   * The pseudo alias ref used in commands and audit entries, e.g. {@code switchboard.link}; the
   * dispatcher answers {@code switchboard.link} itself instead of calling StackStorm.
   */
  public String aliasRef() {
    return "switchboard." + word;
  }

  /** The built-in command {@code command} is, case-insensitively and alone on the line. */
  public static Optional<SelfService> parse(String command) {
    if (command == null) {
      return Optional.empty();
    }
    String word = command.strip().toLowerCase(Locale.ROOT);
    for (SelfService candidate : values()) {
      if (candidate.word.equals(word)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
