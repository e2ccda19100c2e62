package switchboard.matcher.match;

import java.util.List;

/**
 * One entry of an alias's {@code formats} (contract §3.1), normalised as st2's {@code
 * normalise_alias_format_string} and {@code list_format_strings_from_aliases} do.
 *
 * @param display the help text; null when the object has none. For a plain string format it is the
 *     string itself
 * @param representations the formats matched against commands, in order, never null. An object with
 *     a non-empty display and no representation gets the single representation "" (§3.2), which
 *     matches a command made only of key=value pairs
 * @param matchMultiple st2's {@code match_multiple}: the format is tried in st2's second pass and
 *     one execution is run per occurrence in the command
 */
public record AliasFormatSpec(String display, List<String> representations, boolean matchMultiple) {

  public AliasFormatSpec {
    representations = representations == null ? List.of() : List.copyOf(representations);
    if (representations.isEmpty() && display != null && !display.isEmpty()) {
      representations = List.of("");
    }
  }

  /** A plain string format: display and representation are both {@code format}. */
  public static AliasFormatSpec of(String format) {
    return new AliasFormatSpec(format, List.of(format), false);
  }

  /** Whether the help lists this format: st2 lists any format whose display is non-empty. */
  public boolean hasDisplay() {
    return display != null && !display.isEmpty();
  }
}
