package switchboard.matcher.grammar;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import switchboard.matcher.grammar.RegexNode.Alternation;
import switchboard.matcher.grammar.RegexNode.Anchor;
import switchboard.matcher.grammar.RegexNode.AnchorKind;
import switchboard.matcher.grammar.RegexNode.AnyChar;
import switchboard.matcher.grammar.RegexNode.Backreference;
import switchboard.matcher.grammar.RegexNode.CategoryKind;
import switchboard.matcher.grammar.RegexNode.CharSet;
import switchboard.matcher.grammar.RegexNode.Group;
import switchboard.matcher.grammar.RegexNode.GroupKind;
import switchboard.matcher.grammar.RegexNode.Literal;
import switchboard.matcher.grammar.RegexNode.Quantifier;
import switchboard.matcher.grammar.RegexNode.Repeat;
import switchboard.matcher.grammar.RegexNode.Sequence;
import switchboard.matcher.grammar.RegexNode.SetItem;

/**
 * A port of CPython 3.11's {@code Lib/re/_parser.py} (the {@code sre_parse} module st2 calls): same
 * tokenizer, same grammar, same rejections and the same error texts, so that a format st2 cannot
 * compile is rejected here too, with the reason Python would give. st2's contract §9 runs user
 * formats through this parser twice: once to look for anchors, once to compile.
 *
 * <p>Where Python accepts something java.util.regex cannot express (conditional groups, the
 * TEMPLATE flag), the parser rejects it and says so.
 */
final class PythonRegexParser {

  // Flag bits of CPython's re._constants; the values only need to be distinct here.
  static final int TEMPLATE = 1;
  static final int IGNORECASE = 2;
  static final int LOCALE = 4;
  static final int MULTILINE = 8;
  static final int DOTALL = 16;
  static final int UNICODE = 32;
  static final int VERBOSE = 64;
  static final int ASCII = 256;

  private static final int TYPE_FLAGS = ASCII | LOCALE | UNICODE;
  private static final String SPECIAL_CHARS = ".\\[{()*+?^$|";
  private static final String REPEAT_CHARS = "*+?{";
  private static final String DIGITS = "0123456789";
  private static final String OCTDIGITS = "01234567";
  private static final String HEXDIGITS = "0123456789abcdefABCDEF";
  private static final String WHITESPACE = " \t\n\r\u000b\f";
  private static final String FLAG_CHARS = "iLmsxatu";
  private static final BigInteger MAXREPEAT = BigInteger.valueOf(4294967295L);
  private static final long MAXWIDTH = Long.MAX_VALUE;

  private final String pattern;
  private final int[] chars;
  private int index;
  private String next;
  private int nextLength;
  private int flags;
  private final List<long[]> groupWidths = new ArrayList<>();
  private final Map<String, Integer> groupDict = new LinkedHashMap<>();
  private Integer lookbehindGroups;

  /** Scoped flags of the enclosing {@code (?flags:...)} groups, resolved against the globals. */
  private record Scope(Scope parent, int add, int delete) {}

  private PythonRegexParser(String pattern, int flags) throws AliasFormatException {
    this.pattern = pattern;
    this.chars = pattern.codePoints().toArray();
    this.flags = flags;
    groupWidths.add(new long[] {0, 0});
    advance();
  }

  /**
   * Parses {@code pattern} as {@code re.compile(pattern, flags)} would.
   *
   * @throws AliasFormatException with Python's message when Python rejects the pattern, or with the
   *     reason when java.util.regex has no equivalent
   */
  static ParsedRegex parse(String pattern, int flags) throws AliasFormatException {
    PythonRegexParser parser = new PythonRegexParser(pattern, flags);
    RegexNode root = parser.parseSub((flags & VERBOSE) != 0, 0, null);
    parser.fixFlags();
    if (parser.next != null) {
      throw parser.error("unbalanced parenthesis", 0);
    }
    if ((parser.flags & TEMPLATE) != 0) {
      throw new AliasFormatException(
          pattern, "the TEMPLATE flag (?t) has no java.util.regex equivalent");
    }
    boolean ignoreCase = (parser.flags & IGNORECASE) != 0;
    return new ParsedRegex(root, parser.groupDict, javaFlags(parser.flags), ignoreCase);
  }

  // --- tokenizer (re._parser.Tokenizer) ---

  private void advance() throws AliasFormatException {
    if (index >= chars.length) {
      next = null;
      nextLength = 0;
      return;
    }
    int c = chars[index];
    if (c == '\\') {
      if (index + 1 >= chars.length) {
        throw new AliasFormatException(
            pattern, "bad escape (end of pattern) at position " + (chars.length - 1));
      }
      next = new StringBuilder().appendCodePoint(c).appendCodePoint(chars[index + 1]).toString();
      nextLength = 2;
      index += 2;
      return;
    }
    next = new String(Character.toChars(c));
    nextLength = 1;
    index += 1;
  }

  private boolean match(String token) throws AliasFormatException {
    if (token.equals(next)) {
      advance();
      return true;
    }
    return false;
  }

  private String get() throws AliasFormatException {
    String token = next;
    advance();
    return token;
  }

  private String getWhile(int n, String charset) throws AliasFormatException {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < n && isOneOf(next, charset); i++) {
      result.append(next);
      advance();
    }
    return result.toString();
  }

  private String getUntil(String terminator, String name) throws AliasFormatException {
    StringBuilder result = new StringBuilder();
    while (true) {
      String c = next;
      advance();
      if (c == null) {
        if (result.length() == 0) {
          throw error("missing " + name, 0);
        }
        throw error("missing " + terminator + ", unterminated name", length(result.toString()));
      }
      if (c.equals(terminator)) {
        if (result.length() == 0) {
          throw error("missing " + name, 1);
        }
        return result.toString();
      }
      result.append(c);
    }
  }

  private int tell() {
    return index - nextLength;
  }

  private void seek(int position) throws AliasFormatException {
    index = position;
    advance();
  }

  private AliasFormatException error(String message, int offset) {
    return new AliasFormatException(pattern, message + " at position " + (tell() - offset));
  }

  private static boolean isOneOf(String token, String charset) {
    return token != null
        && token.codePointCount(0, token.length()) == 1
        && charset.indexOf(token.codePointAt(0)) >= 0;
  }

  private static int length(String token) {
    return token.codePointCount(0, token.length());
  }

  // --- grammar (re._parser._parse_sub and _parse) ---

  private RegexNode parseSub(boolean verbose, int nested, Scope scope) throws AliasFormatException {
    List<RegexNode> items = new ArrayList<>();
    boolean itemVerbose = verbose;
    while (true) {
      items.add(
          new Sequence(parse(itemVerbose, nested + 1, nested == 0 && items.isEmpty(), scope)));
      if (!match("|")) {
        break;
      }
      if (nested == 0) {
        itemVerbose = (flags & VERBOSE) != 0;
      }
    }
    // Python also factors common prefixes out of a BRANCH and turns single-character branches
    // into a set; both are optimisations with no effect on what matches or on st2's anchor
    // search (the second alternative still starts with the shared prefix), so they are skipped.
    return items.size() == 1 ? items.get(0) : new Alternation(items);
  }

  private List<RegexNode> parse(boolean verbose, int nested, boolean first, Scope scope)
      throws AliasFormatException {
    List<RegexNode> items = new ArrayList<>();
    while (true) {
      String self = next;
      if (self == null || self.equals("|") || self.equals(")")) {
        break;
      }
      advance();
      if (verbose) {
        if (isOneOf(self, WHITESPACE)) {
          continue;
        }
        if (self.equals("#")) {
          String skipped;
          do {
            skipped = get();
          } while (skipped != null && !skipped.equals("\n"));
          continue;
        }
      }
      if (self.charAt(0) == '\\') {
        items.add(escape(self, scope));
      } else if (!isOneOf(self, SPECIAL_CHARS)) {
        items.add(new Literal(self.codePointAt(0)));
      } else if (self.equals("[")) {
        items.add(charSet(scope));
      } else if (isOneOf(self, REPEAT_CHARS)) {
        repeat(self, items);
      } else if (self.equals(".")) {
        items.add(new AnyChar((effective(scope) & DOTALL) != 0));
      } else if (self.equals("(")) {
        RegexNode group = group(verbose, nested, first, items, scope);
        if (group == GLOBAL_FLAGS_SEEN) {
          verbose = (flags & VERBOSE) != 0;
        } else if (group != null) {
          items.add(group);
        }
      } else if (self.equals("^")) {
        items.add(anchor(AnchorKind.BEGINNING, scope));
      } else {
        items.add(anchor(AnchorKind.END, scope));
      }
    }
    return items;
  }

  private Anchor anchor(AnchorKind kind, Scope scope) {
    int effective = effective(scope);
    return new Anchor(kind, (effective & MULTILINE) != 0, (effective & ASCII) != 0);
  }

  private void repeat(String self, List<RegexNode> items) throws AliasFormatException {
    int here = tell();
    int min;
    int max;
    switch (self) {
      case "?" -> {
        min = 0;
        max = 1;
      }
      case "*" -> {
        min = 0;
        max = RegexNode.UNBOUNDED;
      }
      case "+" -> {
        min = 1;
        max = RegexNode.UNBOUNDED;
      }
      default -> {
        if ("}".equals(next)) {
          items.add(new Literal('{'));
          return;
        }
        String lo = getWhile(Integer.MAX_VALUE, DIGITS);
        String hi;
        if (match(",")) {
          hi = getWhile(Integer.MAX_VALUE, DIGITS);
        } else {
          hi = lo;
        }
        if (!match("}")) {
          items.add(new Literal('{'));
          seek(here);
          return;
        }
        min = lo.isEmpty() ? 0 : repeatCount(lo);
        max = RegexNode.UNBOUNDED;
        if (!hi.isEmpty()) {
          max = repeatCount(hi);
          if (max < min) {
            throw error("min repeat greater than max repeat", tell() - here);
          }
        }
      }
    }
    RegexNode item = items.isEmpty() ? null : items.get(items.size() - 1);
    if (item == null || item instanceof Anchor) {
      throw error("nothing to repeat", tell() - here + 1);
    }
    if (item instanceof Repeat) {
      throw error("multiple repeat", tell() - here + 1);
    }
    Quantifier quantifier =
        match("?") ? Quantifier.LAZY : match("+") ? Quantifier.POSSESSIVE : Quantifier.GREEDY;
    items.set(items.size() - 1, new Repeat(min, max, quantifier, item));
  }

  private int repeatCount(String digits) throws AliasFormatException {
    BigInteger value = new BigInteger(digits);
    if (value.compareTo(MAXREPEAT) >= 0) {
      throw new AliasFormatException(pattern, "the repetition number is too large");
    }
    if (value.bitLength() > 31) {
      throw new AliasFormatException(
          pattern, "java.util.regex cannot repeat more than 2147483647 times: " + digits);
    }
    return value.intValue();
  }

  /** Marks a {@code (?flags)} group that only changed the global flags. */
  private static final RegexNode GLOBAL_FLAGS_SEEN = new Sequence(List.of());

  private RegexNode group(
      boolean verbose, int nested, boolean first, List<RegexNode> items, Scope scope)
      throws AliasFormatException {
    int start = tell() - 1;
    boolean capture = true;
    boolean atomic = false;
    String name = null;
    int add = 0;
    int delete = 0;
    if (match("?")) {
      String c = get();
      if (c == null) {
        throw error("unexpected end of pattern", 0);
      }
      if (c.equals("P")) {
        if (match("<")) {
          name = getUntil(">", "group name");
          checkGroupName(name, 1);
        } else if (match("=")) {
          name = getUntil(")", "group name");
          checkGroupName(name, 1);
          Integer gid = groupDict.get(name);
          if (gid == null) {
            throw error("unknown group name " + pythonRepr(name), length(name) + 1);
          }
          if (!checkGroup(gid)) {
            throw error("cannot refer to an open group", length(name) + 1);
          }
          checkLookbehindGroup(gid);
          return new Backreference(gid);
        } else {
          String ext = get();
          if (ext == null) {
            throw error("unexpected end of pattern", 0);
          }
          throw error("unknown extension ?P" + ext, length(ext) + 2);
        }
      } else if (c.equals(":")) {
        capture = false;
      } else if (c.equals("#")) {
        while (true) {
          if (next == null) {
            throw error("missing ), unterminated comment", tell() - start);
          }
          if (get().equals(")")) {
            return null;
          }
        }
      } else if (c.equals("=") || c.equals("!") || c.equals("<")) {
        return lookaround(c, verbose, nested, start, scope);
      } else if (c.equals("(")) {
        throw new AliasFormatException(
            pattern,
            "conditional group (?(...)...) at position "
                + start
                + " has no java.util.regex equivalent");
      } else if (c.equals(">")) {
        capture = false;
        atomic = true;
      } else if (isOneOf(c, FLAG_CHARS) || c.equals("-")) {
        int[] scoped = parseFlags(c);
        if (scoped == null) {
          if (!first || !items.isEmpty()) {
            throw error("global flags not at the start of the expression", tell() - start);
          }
          return GLOBAL_FLAGS_SEEN;
        }
        add = scoped[0];
        delete = scoped[1];
        capture = false;
      } else {
        throw error("unknown extension ?" + c, length(c) + 1);
      }
    }
    int gid = capture ? openGroup(name) : 0;
    boolean subVerbose = (verbose || (add & VERBOSE) != 0) && (delete & VERBOSE) == 0;
    Scope inner = add == 0 && delete == 0 ? scope : new Scope(scope, add, delete);
    RegexNode body = parseSub(subVerbose, nested + 1, inner);
    if (!match(")")) {
      throw error("missing ), unterminated subpattern", tell() - start);
    }
    if (capture) {
      groupWidths.set(gid, width(body));
      return new Group(GroupKind.CAPTURING, gid, "", body);
    }
    if (atomic) {
      return new Group(GroupKind.ATOMIC, 0, "", body);
    }
    if (inner == scope) {
      return new Group(GroupKind.NON_CAPTURING, 0, "", body);
    }
    String outerFlags = javaFlags(effective(scope));
    String innerFlags = javaFlags(effective(inner));
    return new Group(GroupKind.FLAG_SCOPED, 0, flagChange(outerFlags, innerFlags), body);
  }

  private RegexNode lookaround(String c, boolean verbose, int nested, int start, Scope scope)
      throws AliasFormatException {
    boolean behind = c.equals("<");
    String kind = c;
    Integer savedLookbehind = lookbehindGroups;
    if (behind) {
      kind = get();
      if (kind == null) {
        throw error("unexpected end of pattern", 0);
      }
      if (!kind.equals("=") && !kind.equals("!")) {
        throw error("unknown extension ?<" + kind, length(kind) + 2);
      }
      if (savedLookbehind == null) {
        lookbehindGroups = groupWidths.size();
      }
    }
    RegexNode body = parseSub(verbose, nested + 1, scope);
    if (behind && savedLookbehind == null) {
      lookbehindGroups = null;
    }
    if (!match(")")) {
      throw error("missing ), unterminated subpattern", tell() - start);
    }
    if (behind) {
      long[] width = width(body);
      if (width[0] != width[1]) {
        // Raised by Python's compiler (re._compiler), after parsing.
        throw new AliasFormatException(pattern, "look-behind requires fixed-width pattern");
      }
    }
    boolean positive = kind.equals("=");
    GroupKind groupKind =
        behind
            ? (positive ? GroupKind.LOOKBEHIND : GroupKind.NEGATIVE_LOOKBEHIND)
            : (positive ? GroupKind.LOOKAHEAD : GroupKind.NEGATIVE_LOOKAHEAD);
    return new Group(groupKind, 0, "", body);
  }

  /** Returns {@code null} for global flags, else {add, delete}; see re._parser._parse_flags. */
  private int[] parseFlags(String first) throws AliasFormatException {
    int add = 0;
    int delete = 0;
    String c = first;
    if (!c.equals("-")) {
      while (true) {
        if (c.equals("L")) {
          throw error("bad inline flags: cannot use 'L' flag with a str pattern", 0);
        }
        int flag = flagBit(c);
        add |= flag;
        if ((flag & TYPE_FLAGS) != 0 && (add & TYPE_FLAGS) != flag) {
          throw error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0);
        }
        c = get();
        if (c == null) {
          throw error("missing -, : or )", 0);
        }
        if (c.equals(")") || c.equals("-") || c.equals(":")) {
          break;
        }
        if (!isOneOf(c, FLAG_CHARS)) {
          throw error(
              Character.isLetter(c.codePointAt(0)) ? "unknown flag" : "missing -, : or )",
              length(c));
        }
      }
    }
    if (c.equals(")")) {
      flags |= add;
      return null;
    }
    if ((add & TEMPLATE) != 0) {
      throw error("bad inline flags: cannot turn on global flag", 1);
    }
    if (c.equals("-")) {
      c = get();
      if (c == null) {
        throw error("missing flag", 0);
      }
      if (!isOneOf(c, FLAG_CHARS)) {
        throw error(
            Character.isLetter(c.codePointAt(0)) ? "unknown flag" : "missing flag", length(c));
      }
      while (true) {
        int flag = flagBit(c);
        if ((flag & TYPE_FLAGS) != 0) {
          throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0);
        }
        delete |= flag;
        c = get();
        if (c == null) {
          throw error("missing :", 0);
        }
        if (c.equals(":")) {
          break;
        }
        if (!isOneOf(c, FLAG_CHARS)) {
          throw error(
              Character.isLetter(c.codePointAt(0)) ? "unknown flag" : "missing :", length(c));
        }
      }
    }
    if ((delete & TEMPLATE) != 0) {
      throw error("bad inline flags: cannot turn off global flag", 1);
    }
    if ((add & delete) != 0) {
      throw error("bad inline flags: flag turned on and off", 1);
    }
    return new int[] {add, delete};
  }

  private static int flagBit(String c) {
    return switch (c) {
      case "i" -> IGNORECASE;
      case "L" -> LOCALE;
      case "m" -> MULTILINE;
      case "s" -> DOTALL;
      case "x" -> VERBOSE;
      case "a" -> ASCII;
      case "t" -> TEMPLATE;
      default -> UNICODE;
    };
  }

  private void fixFlags() throws AliasFormatException {
    if ((flags & LOCALE) != 0) {
      throw new AliasFormatException(pattern, "cannot use LOCALE flag with a str pattern");
    }
    if ((flags & ASCII) == 0) {
      flags |= UNICODE;
    } else if ((flags & UNICODE) != 0) {
      throw new AliasFormatException(pattern, "ASCII and UNICODE flags are incompatible");
    }
  }

  /** Python's {@code _combine_flags}, applied from the outermost scope in. */
  private int effective(Scope scope) {
    if (scope == null) {
      return flags;
    }
    int outer = effective(scope.parent());
    if ((scope.add() & TYPE_FLAGS) != 0) {
      outer &= ~TYPE_FLAGS;
    }
    return (outer | scope.add()) & ~scope.delete();
  }

  /** Java keeps case-insensitivity ASCII-only unless UNICODE_CASE is on; Python's is Unicode. */
  private static String javaFlags(int pythonFlags) {
    if ((pythonFlags & IGNORECASE) == 0) {
      return "";
    }
    return (pythonFlags & ASCII) != 0 ? "i" : "iu";
  }

  private static String flagChange(String outer, String inner) {
    StringBuilder on = new StringBuilder();
    StringBuilder off = new StringBuilder();
    for (char f : new char[] {'i', 'u'}) {
      boolean was = outer.indexOf(f) >= 0;
      boolean is = inner.indexOf(f) >= 0;
      if (is && !was) {
        on.append(f);
      } else if (was && !is) {
        off.append(f);
      }
    }
    return off.length() == 0 ? on.toString() : on + "-" + off;
  }

  // --- groups (re._parser.State) ---

  private int openGroup(String name) throws AliasFormatException {
    int gid = groupWidths.size();
    groupWidths.add(null);
    if (name != null) {
      Integer previous = groupDict.get(name);
      if (previous != null) {
        throw error(
            "redefinition of group name "
                + pythonRepr(name)
                + " as group "
                + gid
                + "; was group "
                + previous,
            length(name) + 1);
      }
      groupDict.put(name, gid);
    }
    return gid;
  }

  private boolean checkGroup(int gid) {
    return gid < groupWidths.size() && groupWidths.get(gid) != null;
  }

  private void checkLookbehindGroup(int gid) throws AliasFormatException {
    if (lookbehindGroups != null) {
      if (!checkGroup(gid)) {
        throw error("cannot refer to an open group", 0);
      }
      if (gid >= lookbehindGroups) {
        throw error("cannot refer to group defined in the same lookbehind subpattern", 0);
      }
    }
  }

  private void checkGroupName(String name, int offset) throws AliasFormatException {
    if (!isIdentifier(name)) {
      throw error("bad character in group name " + pythonRepr(name), length(name) + offset);
    }
  }

  /** Python's {@code str.isidentifier()}, approximated with Java's Unicode identifier rules. */
  private static boolean isIdentifier(String name) {
    int[] cps = name.codePoints().toArray();
    if (cps.length == 0 || !(cps[0] == '_' || Character.isUnicodeIdentifierStart(cps[0]))) {
      return false;
    }
    for (int cp : cps) {
      if (!Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
        return false;
      }
    }
    return true;
  }

  private static String pythonRepr(String text) {
    return text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' + text + '"' : "'" + text + "'";
  }

  // --- width (re._parser.SubPattern.getwidth) ---

  private long[] width(RegexNode node) {
    if (node instanceof Literal || node instanceof AnyChar || node instanceof CharSet) {
      return new long[] {1, 1};
    }
    if (node instanceof Group group) {
      return switch (group.kind()) {
        case CAPTURING, NON_CAPTURING, FLAG_SCOPED, ATOMIC -> width(group.body());
        default -> new long[] {0, 0};
      };
    }
    if (node instanceof Backreference reference) {
      return groupWidths.get(reference.group()).clone();
    }
    if (node instanceof Repeat repeat) {
      long[] item = width(repeat.item());
      long lo = saturatingMultiply(item[0], repeat.min());
      long hi =
          repeat.max() == RegexNode.UNBOUNDED
              ? (item[1] == 0 ? 0 : MAXWIDTH)
              : saturatingMultiply(item[1], repeat.max());
      return new long[] {lo, hi};
    }
    if (node instanceof Sequence sequence) {
      long lo = 0;
      long hi = 0;
      for (RegexNode item : sequence.items()) {
        long[] w = width(item);
        lo = saturatingAdd(lo, w[0]);
        hi = saturatingAdd(hi, w[1]);
      }
      return new long[] {lo, hi};
    }
    if (node instanceof Alternation alternation) {
      long lo = MAXWIDTH;
      long hi = 0;
      for (RegexNode alternative : alternation.alternatives()) {
        long[] w = width(alternative);
        lo = Math.min(lo, w[0]);
        hi = Math.max(hi, w[1]);
      }
      return new long[] {lo, hi};
    }
    return new long[] {0, 0};
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? MAXWIDTH : sum;
  }

  private static long saturatingMultiply(long a, long b) {
    return b != 0 && a > MAXWIDTH / b ? MAXWIDTH : a * b;
  }

  // --- character sets and escapes (re._parser._class_escape and _escape) ---

  private RegexNode charSet(Scope scope) throws AliasFormatException {
    int here = tell() - 1;
    List<SetItem> items = new ArrayList<>();
    boolean negate = match("^");
    while (true) {
      String self = get();
      if (self == null) {
        throw error("unterminated character set", tell() - here);
      }
      if (self.equals("]") && !items.isEmpty()) {
        break;
      }
      SetItem code1 =
          self.charAt(0) == '\\'
              ? classEscape(self, scope)
              : new SetItem.Single(self.codePointAt(0));
      if (match("-")) {
        String that = get();
        if (that == null) {
          throw error("unterminated character set", tell() - here);
        }
        if (that.equals("]")) {
          items.add(code1);
          items.add(new SetItem.Single('-'));
          break;
        }
        SetItem code2 =
            that.charAt(0) == '\\'
                ? classEscape(that, scope)
                : new SetItem.Single(that.codePointAt(0));
        if (!(code1 instanceof SetItem.Single low)
            || !(code2 instanceof SetItem.Single high)
            || high.codePoint() < low.codePoint()) {
          throw error("bad character range " + self + "-" + that, length(self) + 1 + length(that));
        }
        items.add(new SetItem.Range(low.codePoint(), high.codePoint()));
      } else {
        items.add(code1);
      }
    }
    List<SetItem> unique = new ArrayList<>(new LinkedHashSet<>(items));
    if (unique.size() == 1 && unique.get(0) instanceof SetItem.Single single && !negate) {
      return new Literal(single.codePoint());
    }
    return new CharSet(negate, unique);
  }

  private SetItem classEscape(String escape, Scope scope) throws AliasFormatException {
    Integer code = simpleEscape(escape);
    if (code != null) {
      return new SetItem.Single(code);
    }
    CategoryKind category = category(escape);
    if (category != null) {
      return new SetItem.Category(category, (effective(scope) & ASCII) != 0);
    }
    int c = escape.codePointAt(1);
    if (c == 'x' || c == 'u' || c == 'U' || c == 'N') {
      return new SetItem.Single(numericEscape(escape, c));
    }
    if (OCTDIGITS.indexOf(c) >= 0) {
      String octal = escape + getWhile(2, OCTDIGITS);
      int value = Integer.parseInt(octal.substring(1), 8);
      if (value > 0377) {
        throw error("octal escape value " + octal + " outside of range 0-0o377", length(octal));
      }
      return new SetItem.Single(value);
    }
    if (DIGITS.indexOf(c) < 0 && !isAsciiLetter(c)) {
      return new SetItem.Single(c);
    }
    throw error("bad escape " + escape, length(escape));
  }

  private RegexNode escape(String escape, Scope scope) throws AliasFormatException {
    int effective = effective(scope);
    boolean ascii = (effective & ASCII) != 0;
    switch (escape) {
      case "\\A" -> {
        return new Anchor(AnchorKind.BEGINNING_STRING, false, ascii);
      }
      case "\\Z" -> {
        return new Anchor(AnchorKind.END_STRING, false, ascii);
      }
      case "\\b" -> {
        return new Anchor(AnchorKind.BOUNDARY, false, ascii);
      }
      case "\\B" -> {
        return new Anchor(AnchorKind.NON_BOUNDARY, false, ascii);
      }
      default -> {}
    }
    CategoryKind category = category(escape);
    if (category != null) {
      return new CharSet(false, List.of(new SetItem.Category(category, ascii)));
    }
    Integer code = simpleEscape(escape);
    if (code != null) {
      return new Literal(code);
    }
    int c = escape.codePointAt(1);
    if (c == 'x' || c == 'u' || c == 'U' || c == 'N') {
      return new Literal(numericEscape(escape, c));
    }
    if (c == '0') {
      String octal = escape + getWhile(2, OCTDIGITS);
      return new Literal(Integer.parseInt(octal.substring(1), 8));
    }
    if (DIGITS.indexOf(c) >= 0) {
      String digits = escape;
      if (isOneOf(next, DIGITS)) {
        digits += get();
        if (OCTDIGITS.indexOf(digits.charAt(1)) >= 0
            && OCTDIGITS.indexOf(digits.charAt(2)) >= 0
            && isOneOf(next, OCTDIGITS)) {
          digits += get();
          int value = Integer.parseInt(digits.substring(1), 8);
          if (value > 0377) {
            throw error(
                "octal escape value " + digits + " outside of range 0-0o377", length(digits));
          }
          return new Literal(value);
        }
      }
      int group = Integer.parseInt(digits.substring(1));
      if (group < groupWidths.size()) {
        if (!checkGroup(group)) {
          throw error("cannot refer to an open group", length(digits));
        }
        checkLookbehindGroup(group);
        return new Backreference(group);
      }
      throw error("invalid group reference " + group, length(digits) - 1);
    }
    if (!isAsciiLetter(c)) {
      return new Literal(c);
    }
    throw error("bad escape " + escape, length(escape));
  }

  private int numericEscape(String escape, int c) throws AliasFormatException {
    if (c == 'N') {
      if (!match("{")) {
        throw error("missing {", 0);
      }
      String name = getUntil("}", "character name");
      try {
        return Character.codePointOf(name);
      } catch (IllegalArgumentException e) {
        throw error("undefined character name " + pythonRepr(name), length(name) + 4);
      }
    }
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
    String full = escape + getWhile(digits, HEXDIGITS);
    if (length(full) != digits + 2) {
      throw error("incomplete escape " + full, length(full));
    }
    long value = Long.parseLong(full.substring(2), 16);
    if (value > Character.MAX_CODE_POINT) {
      throw error("bad escape " + full, length(full));
    }
    return (int) value;
  }

  private static Integer simpleEscape(String escape) {
    return switch (escape) {
      case "\\a" -> 0x07;
      case "\\b" -> 0x08;
      case "\\f" -> 0x0c;
      case "\\n" -> 0x0a;
      case "\\r" -> 0x0d;
      case "\\t" -> 0x09;
      case "\\v" -> 0x0b;
      case "\\\\" -> 0x5c;
      default -> null;
    };
  }

  private static CategoryKind category(String escape) {
    return switch (escape) {
      case "\\d" -> CategoryKind.DIGIT;
      case "\\D" -> CategoryKind.NOT_DIGIT;
      case "\\s" -> CategoryKind.SPACE;
      case "\\S" -> CategoryKind.NOT_SPACE;
      case "\\w" -> CategoryKind.WORD;
      case "\\W" -> CategoryKind.NOT_WORD;
      default -> null;
    };
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
