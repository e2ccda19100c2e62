package switchboard.matcher.help;

import java.util.List;

/**
 * st2's help answer {@code {"available": n, "helpstrings": [...]}} (contract §3.3), with the paging
 * that produced it.
 *
 * @param available every help string that passed the filters, including those outside the page
 * @param entries the page, in pack, alias and format order; never null
 * @param offset as requested
 * @param limit as requested; 0 means no limit
 */
public record HelpPage(int available, List<HelpEntry> entries, int offset, int limit)
    implements HelpResult {

  public HelpPage {
    entries = List.copyOf(entries);
  }
}
