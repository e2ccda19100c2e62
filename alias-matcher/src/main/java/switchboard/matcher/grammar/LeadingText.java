package switchboard.matcher.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import switchboard.matcher.grammar.RegexNode.Alternation;
import switchboard.matcher.grammar.RegexNode.Anchor;
import switchboard.matcher.grammar.RegexNode.AnchorKind;
import switchboard.matcher.grammar.RegexNode.CategoryKind;
import switchboard.matcher.grammar.RegexNode.CharSet;
import switchboard.matcher.grammar.RegexNode.Group;
import switchboard.matcher.grammar.RegexNode.Literal;
import switchboard.matcher.grammar.RegexNode.Repeat;
import switchboard.matcher.grammar.RegexNode.Sequence;
import switchboard.matcher.grammar.RegexNode.SetItem;

/**
 * The texts a command must start with to match a compiled format: literal characters right after an
 * {@code ^\s*} start (st2's implicit anchor, §9 step 4), with small literal alternations such as
 * {@code (show|sh)} expanded. An index may use them to skip formats; they never decide a match.
 * Anything unsure (case-insensitivity, a repeat, a class, a macro) ends the text.
 */
final class LeadingText {

  /** Alternations multiply the texts; past this many the index gains nothing. */
  private static final int MAX_TEXTS = 64;

  private record Texts(List<String> options, boolean complete) {}

  private LeadingText() {}

  /** Sorted, distinct, none empty or starting with whitespace; empty when unknown. */
  static List<String> of(ParsedRegex regex) {
    if (regex.ignoreCase()
        || !(regex.root() instanceof Sequence sequence)
        || sequence.items().size() < 2
        || !startsWithOptionalSpace(sequence.items().get(0), sequence.items().get(1))) {
      return List.of();
    }
    List<String> options = walk(sequence.items().subList(2, sequence.items().size())).options();
    boolean unusable =
        options.stream().anyMatch(t -> t.isEmpty() || PythonWhitespace.isSpace(t.codePointAt(0)));
    return unusable ? List.of() : List.copyOf(new TreeSet<>(options));
  }

  private static boolean startsWithOptionalSpace(RegexNode first, RegexNode second) {
    return first instanceof Anchor anchor
        && !anchor.multiline()
        && (anchor.kind() == AnchorKind.BEGINNING || anchor.kind() == AnchorKind.BEGINNING_STRING)
        && second instanceof Repeat repeat
        && repeat.min() == 0
        && repeat.max() == RegexNode.UNBOUNDED
        && repeat.item() instanceof CharSet set
        && !set.negated()
        && set.items().size() == 1
        && set.items().get(0) instanceof SetItem.Category category
        && category.kind() == CategoryKind.SPACE;
  }

  private static Texts walk(List<RegexNode> items) {
    List<String> texts = List.of("");
    for (RegexNode item : items) {
      Texts extension = extension(item);
      if (extension == null || texts.size() * extension.options().size() > MAX_TEXTS) {
        return new Texts(texts, false);
      }
      List<String> longer = new ArrayList<>();
      for (String text : texts) {
        for (String option : extension.options()) {
          longer.add(text + option);
        }
      }
      texts = longer;
      if (!extension.complete()) {
        return new Texts(texts, false);
      }
    }
    return new Texts(texts, true);
  }

  private static Texts extension(RegexNode node) {
    if (node instanceof Literal literal) {
      return new Texts(List.of(Character.toString(literal.codePoint())), true);
    }
    if (node instanceof Group group
        && (group.kind() == RegexNode.GroupKind.CAPTURING
            || group.kind() == RegexNode.GroupKind.NON_CAPTURING)) {
      List<RegexNode> alternatives =
          group.body() instanceof Alternation alternation
              ? alternation.alternatives()
              : List.of(group.body());
      List<String> options = new ArrayList<>();
      boolean complete = true;
      for (RegexNode alternative : alternatives) {
        Texts texts = walk(((Sequence) alternative).items());
        options.addAll(texts.options());
        complete &= texts.complete();
      }
      return options.size() > MAX_TEXTS ? null : new Texts(options, complete);
    }
    return null;
  }
}
