package switchboard.matcher.grammar;

import switchboard.matcher.grammar.RegexNode.Alternation;
import switchboard.matcher.grammar.RegexNode.Anchor;
import switchboard.matcher.grammar.RegexNode.AnyChar;
import switchboard.matcher.grammar.RegexNode.Backreference;
import switchboard.matcher.grammar.RegexNode.CategoryKind;
import switchboard.matcher.grammar.RegexNode.CharSet;
import switchboard.matcher.grammar.RegexNode.Group;
import switchboard.matcher.grammar.RegexNode.Literal;
import switchboard.matcher.grammar.RegexNode.Repeat;
import switchboard.matcher.grammar.RegexNode.Sequence;
import switchboard.matcher.grammar.RegexNode.SetItem;

/**
 * Writes a parsed Python pattern as java.util.regex source with the same meaning. The result is
 * compiled with {@code Pattern.DOTALL} and no other flag, so nothing depends on Java's own notion
 * of lines or of {@code \s}, {@code \w}, {@code \b}: those differ from Python's and are written out
 * explicitly.
 */
final class JavaRegexWriter {

  /**
   * Python 3.11's {@code str.isspace()} set, which is what {@code \s} matches in a str pattern
   * (CPython {@code _PyUnicode_IsWhitespace}); Java's {@code \s} is ASCII-only and its Unicode
   * variant lacks U+001C..U+001F.
   */
  static final String UNICODE_SPACE =
      "\\t\\n\\x{0B}\\f\\r\\x{1C}-\\x{1F}\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
          + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";

  private static final String ASCII_SPACE = "\\t\\n\\x{0B}\\f\\r\\x{20}";

  /** Python's {@code \w} in a str pattern: {@code str.isalnum()} (L*, Nd, Nl, No) plus '_'. */
  private static final String UNICODE_WORD = "\\p{L}\\p{Nd}\\p{Nl}\\p{No}_";

  private static final String ASCII_WORD = "a-zA-Z0-9_";

  /** Printable ASCII that java.util.regex reads literally outside a class, without COMMENTS. */
  private static final String PLAIN = " _-'\":,;=<>!@#%&~/`";

  private static final String METACHARACTERS = "\\^$.|?*+()[]{}";

  private final ParsedRegex regex;
  private final StringBuilder out = new StringBuilder();

  private JavaRegexWriter(ParsedRegex regex) {
    this.regex = regex;
  }

  /** Java source for {@code regex}; named groups become {@code g<number>}. */
  static String write(ParsedRegex regex) {
    JavaRegexWriter writer = new JavaRegexWriter(regex);
    if (!regex.javaFlags().isEmpty()) {
      writer.out.append("(?").append(regex.javaFlags()).append(')');
    }
    writer.node(regex.root());
    return writer.out.toString();
  }

  static String javaGroupName(int pythonGroup) {
    return "g" + pythonGroup;
  }

  private void node(RegexNode node) {
    if (node instanceof Literal literal) {
      literal(literal.codePoint());
    } else if (node instanceof AnyChar any) {
      out.append(any.dotAll() ? "." : "[^\\n]");
    } else if (node instanceof CharSet set) {
      charSet(set);
    } else if (node instanceof Anchor anchor) {
      anchor(anchor);
    } else if (node instanceof Group group) {
      group(group);
    } else if (node instanceof Backreference reference) {
      // Wrapped so that a following digit is never read as part of the group number.
      out.append("(?:\\").append(reference.group()).append(')');
    } else if (node instanceof Repeat repeat) {
      repeat(repeat);
    } else if (node instanceof Sequence sequence) {
      sequence.items().forEach(this::node);
    } else if (node instanceof Alternation alternation) {
      for (int i = 0; i < alternation.alternatives().size(); i++) {
        if (i > 0) {
          out.append('|');
        }
        node(alternation.alternatives().get(i));
      }
    }
  }

  private void literal(int cp) {
    if (cp < 128 && (Character.isLetterOrDigit(cp) || PLAIN.indexOf(cp) >= 0)) {
      out.append((char) cp);
    } else if (METACHARACTERS.indexOf(cp) >= 0) {
      out.append('\\').append((char) cp);
    } else {
      hex(cp);
    }
  }

  private void hex(int cp) {
    out.append("\\x{")
        .append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT))
        .append('}');
  }

  private void classMember(int cp) {
    if (cp < 128 && Character.isLetterOrDigit(cp)) {
      out.append((char) cp);
    } else {
      hex(cp);
    }
  }

  private void charSet(CharSet set) {
    if (!set.negated()
        && set.items().size() == 1
        && set.items().get(0) instanceof SetItem.Category c) {
      standaloneCategory(c);
      return;
    }
    out.append(set.negated() ? "[^" : "[");
    for (SetItem item : set.items()) {
      if (item instanceof SetItem.Single single) {
        classMember(single.codePoint());
      } else if (item instanceof SetItem.Range range) {
        classMember(range.low());
        out.append('-');
        classMember(range.high());
      } else if (item instanceof SetItem.Category category) {
        // Java 9+ reads a nested class as a union member, also under an outer negation.
        nestedCategory(category);
      }
    }
    out.append(']');
  }

  private void standaloneCategory(SetItem.Category category) {
    out.append(
        switch (category.kind()) {
          case DIGIT -> category.ascii() ? "[0-9]" : "\\p{Nd}";
          case NOT_DIGIT -> category.ascii() ? "[^0-9]" : "\\P{Nd}";
          case SPACE -> "[" + space(category.ascii()) + "]";
          case NOT_SPACE -> "[^" + space(category.ascii()) + "]";
          case WORD -> "[" + word(category.ascii()) + "]";
          case NOT_WORD -> "[^" + word(category.ascii()) + "]";
        });
  }

  private void nestedCategory(SetItem.Category category) {
    CategoryKind kind = category.kind();
    out.append(
        switch (kind) {
          case DIGIT -> category.ascii() ? "0-9" : "\\p{Nd}";
          case NOT_DIGIT -> category.ascii() ? "[^0-9]" : "\\P{Nd}";
          case SPACE -> space(category.ascii());
          case NOT_SPACE -> "[^" + space(category.ascii()) + "]";
          case WORD -> word(category.ascii());
          case NOT_WORD -> "[^" + word(category.ascii()) + "]";
        });
  }

  private static String space(boolean ascii) {
    return ascii ? ASCII_SPACE : UNICODE_SPACE;
  }

  private static String word(boolean ascii) {
    return ascii ? ASCII_WORD : UNICODE_WORD;
  }

  private void anchor(Anchor anchor) {
    String word = "[" + word(anchor.ascii()) + "]";
    out.append(
        switch (anchor.kind()) {
          // Python's multi-line ^ also matches after a final newline; Java's does not.
          case BEGINNING -> anchor.multiline() ? "(?<![^\\n])" : "^";
          case BEGINNING_STRING -> "\\A";
          // Python's $: end, or before a final '\n' only (Java also accepts CR and U+2028 unless
          // UNIX_LINES).
          case END -> anchor.multiline() ? "(?![^\\n])" : "(?=\\n?\\z)";
          // Python's \Z is the very end, which is Java's \z (Java's \Z allows a final newline).
          case END_STRING -> "\\z";
          case BOUNDARY ->
              "(?:(?<=" + word + ")(?!" + word + ")|(?<!" + word + ")(?=" + word + "))";
          case NON_BOUNDARY ->
              "(?:(?<=" + word + ")(?=" + word + ")|(?<!" + word + ")(?!" + word + "))";
        });
  }

  private void group(Group group) {
    out.append(
        switch (group.kind()) {
          case CAPTURING ->
              regex.namedGroups().containsValue(group.index())
                  ? "(?<" + javaGroupName(group.index()) + ">"
                  : "(";
          case NON_CAPTURING -> "(?:";
          case FLAG_SCOPED -> "(?" + group.javaFlags() + ":";
          case LOOKAHEAD -> "(?=";
          case NEGATIVE_LOOKAHEAD -> "(?!";
          case LOOKBEHIND -> "(?<=";
          case NEGATIVE_LOOKBEHIND -> "(?<!";
          case ATOMIC -> "(?>";
        });
    node(group.body());
    out.append(')');
  }

  private void repeat(Repeat repeat) {
    RegexNode item = repeat.item();
    boolean atom =
        item instanceof Literal
            || item instanceof AnyChar
            || item instanceof CharSet
            || item instanceof Group
            || item instanceof Backreference;
    if (atom) {
      node(item);
    } else {
      out.append("(?:");
      node(item);
      out.append(')');
    }
    int min = repeat.min();
    int max = repeat.max();
    if (min == 0 && max == RegexNode.UNBOUNDED) {
      out.append('*');
    } else if (min == 1 && max == RegexNode.UNBOUNDED) {
      out.append('+');
    } else if (min == 0 && max == 1) {
      out.append('?');
    } else if (max == RegexNode.UNBOUNDED) {
      out.append('{').append(min).append(",}");
    } else if (min == max) {
      out.append('{').append(min).append('}');
    } else {
      out.append('{').append(min).append(',').append(max).append('}');
    }
    switch (repeat.quantifier()) {
      case LAZY -> out.append('?');
      case POSSESSIVE -> out.append('+');
      case GREEDY -> {}
    }
  }
}
