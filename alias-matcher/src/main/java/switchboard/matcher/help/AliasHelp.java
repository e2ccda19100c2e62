package switchboard.matcher.help;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import switchboard.matcher.grammar.AliasFormatException;
import switchboard.matcher.grammar.PythonFlag;
import switchboard.matcher.grammar.PythonRegexTranslator;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;

/**
 * st2's help listing ({@code st2common/util/actionalias_helpstring.py::generate_helpstring_result},
 * contract §3.3). Pure.
 */
public final class AliasHelp {

  private AliasHelp() {}

  /**
   * Lists the help strings of {@code aliases} for {@code request}.
   *
   * <p>As in st2: aliases are taken in pack, then name order (the API's default sort); disabled
   * aliases are skipped; {@code pack} must match exactly; only formats with a non-empty display
   * count (a plain string format is its own display); the filter is a Python regular expression
   * searched case-insensitively ({@code re.search(filter, display, re.IGNORECASE)}); {@code
   * available} counts every string that passes, also those outside the page.
   *
   * @return the page, or {@link HelpResult.InvalidFilter} when the filter does not compile; never
   *     null
   */
  public static HelpResult help(Collection<Alias> aliases, HelpRequest request) {
    Pattern filter;
    try {
      filter =
          PythonRegexTranslator.translate(
                  request.filter() == null ? "" : request.filter(), Set.of(PythonFlag.IGNORECASE))
              .pattern();
    } catch (AliasFormatException e) {
      return new HelpResult.InvalidFilter(request.filter(), e.reason());
    }
    List<Alias> sorted =
        aliases.stream()
            .sorted(Comparator.comparing(Alias::pack).thenComparing(Alias::name))
            .toList();
    int offset = request.offset();
    int limit = request.limit();
    List<HelpEntry> entries = new ArrayList<>();
    int count = 0;
    for (Alias alias : sorted) {
      boolean packMatches =
          request.pack() == null || request.pack().isEmpty() || request.pack().equals(alias.pack());
      if (!alias.enabled() || !packMatches) {
        continue;
      }
      for (AliasFormatSpec format : alias.formats()) {
        if (!format.hasDisplay() || !filter.matcher(format.display()).find()) {
          continue;
        }
        // st2's window: [offset, offset + limit), where a 0 limit means "to the end".
        boolean inPage = count >= offset && (limit == 0 || count < offset + limit);
        if (inPage) {
          entries.add(new HelpEntry(alias.pack(), format.display(), alias.description()));
        }
        count++;
      }
    }
    return new HelpPage(count, entries, offset, limit);
  }
}
