package switchboard.matcher.grammar;

import java.util.List;

/**
 * One node of a Python regular expression as CPython's {@code re._parser} understands it. The
 * shapes follow its opcodes (LITERAL, ANY, IN, AT, SUBPATTERN, ASSERT, GROUPREF, *_REPEAT, BRANCH)
 * so that st2's anchor search and the Java writer can both walk the same tree. Flags that change
 * meaning (DOTALL, MULTILINE, ASCII) are resolved into the node when it is parsed, so the tree
 * means the same thing wherever it is moved.
 */
sealed interface RegexNode {

  /** Unbounded repeat count (Python's MAXREPEAT). */
  int UNBOUNDED = -1;

  record Literal(int codePoint) implements RegexNode {}

  record AnyChar(boolean dotAll) implements RegexNode {}

  record CharSet(boolean negated, List<SetItem> items) implements RegexNode {
    public CharSet {
      items = List.copyOf(items);
    }
  }

  record Anchor(AnchorKind kind, boolean multiline, boolean ascii) implements RegexNode {}

  /**
   * A parenthesised group. {@code index} is the Python group number for capturing groups and 0
   * otherwise; {@code javaFlags} holds the Java inline flags a flag-scoped group switches on or off
   * (for example {@code "iu"} or {@code "-i"}).
   */
  record Group(GroupKind kind, int index, String javaFlags, RegexNode body) implements RegexNode {}

  record Backreference(int group) implements RegexNode {}

  record Repeat(int min, int max, Quantifier quantifier, RegexNode item) implements RegexNode {}

  record Sequence(List<RegexNode> items) implements RegexNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** Python's BRANCH: two or more alternatives, each a {@link Sequence}. */
  record Alternation(List<RegexNode> alternatives) implements RegexNode {
    public Alternation {
      alternatives = List.copyOf(alternatives);
    }
  }

  enum AnchorKind {
    BEGINNING,
    BEGINNING_STRING,
    END,
    END_STRING,
    BOUNDARY,
    NON_BOUNDARY
  }

  enum GroupKind {
    CAPTURING,
    NON_CAPTURING,
    FLAG_SCOPED,
    LOOKAHEAD,
    NEGATIVE_LOOKAHEAD,
    LOOKBEHIND,
    NEGATIVE_LOOKBEHIND,
    ATOMIC
  }

  enum Quantifier {
    GREEDY,
    LAZY,
    POSSESSIVE
  }

  enum CategoryKind {
    DIGIT,
    NOT_DIGIT,
    SPACE,
    NOT_SPACE,
    WORD,
    NOT_WORD
  }

  /** A member of a character set. */
  sealed interface SetItem {
    record Single(int codePoint) implements SetItem {}

    record Range(int low, int high) implements SetItem {}

    record Category(CategoryKind kind, boolean ascii) implements SetItem {}
  }
}
