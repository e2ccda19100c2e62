package switchboard.matcher.policy;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import switchboard.records.ParameterConstraint;

/**
 * One compiled parameter constraint of a rule, checked on the value the matcher extracted.
 *
 * <p>The answer has three values, because a check can be unanswerable: the parameter is absent (the
 * action's own default would apply, which the matcher cannot see), a range is given but the value
 * is not a number, or a stored regular expression does not compile. An unanswerable check counts
 * against the user: an allow rule does not apply and a deny rule does (DESIGN.md "Parameter
 * constraints").
 */
public final class ParameterCheck {

  /** The outcome of one check. */
  public enum Verdict {
    HOLDS,
    FAILS,
    UNKNOWN;

    /** The combined verdict of two checks on one value: any failure fails, then any unknown. */
    Verdict and(Verdict other) {
      if (this == FAILS || other == FAILS) {
        return FAILS;
      }
      return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : HOLDS;
    }
  }

  private final String name;
  private final Set<String> allowed;
  private final String regexText;
  private final Pattern regex;
  private final Double min;
  private final Double max;

  private ParameterCheck(
      String name, Set<String> allowed, String regexText, Pattern regex, Double min, Double max) {
    this.name = name;
    this.allowed = allowed;
    this.regexText = regexText;
    this.regex = regex;
    this.min = min;
    this.max = max;
  }

  /** Compiles a stored constraint; an invalid regular expression makes its check unanswerable. */
  public static ParameterCheck of(ParameterConstraint constraint) {
    Pattern regex = null;
    if (constraint.getRegex() != null) {
      try {
        regex = Pattern.compile(constraint.getRegex());
      } catch (PatternSyntaxException e) {
        regex = null;
      }
    }
    return new ParameterCheck(
        constraint.getName(),
        Set.copyOf(constraint.getAllowed()),
        constraint.getRegex(),
        regex,
        constraint.getMin(),
        constraint.getMax());
  }

  /** The parameter's name. */
  public String name() {
    return name;
  }

  /** The verdict on {@code parameters}' value of this parameter. */
  public Verdict check(Map<String, String> parameters) {
    String value = parameters.get(name);
    if (value == null) {
      return Verdict.UNKNOWN;
    }
    Verdict verdict = Verdict.HOLDS;
    if (!allowed.isEmpty()) {
      verdict = verdict.and(allowed.contains(value) ? Verdict.HOLDS : Verdict.FAILS);
    }
    if (regexText != null) {
      verdict =
          verdict.and(
              regex == null
                  ? Verdict.UNKNOWN
                  : regex.matcher(value).matches() ? Verdict.HOLDS : Verdict.FAILS);
    }
    if (min != null || max != null) {
      verdict = verdict.and(inRange(value));
    }
    return verdict;
  }

  private Verdict inRange(String value) {
    double number;
    try {
      number = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return Verdict.UNKNOWN;
    }
    if (Double.isNaN(number)) {
      return Verdict.UNKNOWN;
    }
    boolean above = min == null || number >= min;
    boolean below = max == null || number <= max;
    return above && below ? Verdict.HOLDS : Verdict.FAILS;
  }
}
