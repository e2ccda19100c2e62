package switchboard.matcher.grammar;

import java.util.EnumSet;
import java.util.Set;
import switchboard.matcher.grammar.RegexNode.Alternation;
import switchboard.matcher.grammar.RegexNode.Anchor;
import switchboard.matcher.grammar.RegexNode.AnchorKind;
import switchboard.matcher.grammar.RegexNode.Group;
import switchboard.matcher.grammar.RegexNode.Sequence;

/**
 * Port of st2's {@code search_regex_tokens} ({@code action_alias_utils.py}, contract §9 step 4),
 * which decides whether st2 adds the implicit {@code ^\s*} and {@code \s*$}.
 *
 * <p>It walks into groups (Python's SUBPATTERN: capturing, non-capturing and flag-scoped) but not
 * into repeats, lookarounds or atomic groups, and in an alternation it looks only at the second
 * alternative ({@code rtoken[1][1]}), so {@code (?:\b|^)} counts as anchored and {@code (?:^|\b)}
 * does not (vectors v128/v129). That quirk is copied on purpose: parity beats correctness here.
 * Python's branch optimisations do not change the answer: a prefix common to all alternatives is
 * also the start of the second one.
 */
final class St2AnchorSearch {

  private static final Set<AnchorKind> BEGINNING =
      EnumSet.of(AnchorKind.BEGINNING, AnchorKind.BEGINNING_STRING);
  private static final Set<AnchorKind> END = EnumSet.of(AnchorKind.END, AnchorKind.END_STRING);

  private St2AnchorSearch() {}

  static boolean hasBeginningAnchor(RegexNode root) {
    return search(root, BEGINNING);
  }

  static boolean hasEndAnchor(RegexNode root) {
    return search(root, END);
  }

  private static boolean search(RegexNode node, Set<AnchorKind> needles) {
    if (node instanceof Sequence sequence) {
      return sequence.items().stream().anyMatch(item -> search(item, needles));
    }
    if (node instanceof Alternation alternation) {
      return search(alternation.alternatives().get(1), needles);
    }
    if (node instanceof Group group) {
      return switch (group.kind()) {
        case CAPTURING, NON_CAPTURING, FLAG_SCOPED -> search(group.body(), needles);
        default -> false;
      };
    }
    return node instanceof Anchor anchor && needles.contains(anchor.kind());
  }
}
