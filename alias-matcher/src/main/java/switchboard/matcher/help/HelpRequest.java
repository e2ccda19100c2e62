package switchboard.matcher.help;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The query of st2's {@code GET /api/v1/actionalias/help} (contract §3.3).
 *
 * @param pack exact pack name; null or "" for all packs
 * @param filter a Python regular expression searched case-insensitively in each display; null or ""
 *     for all
 * @param offset help strings to skip, at least 0
 * @param limit help strings to return, at least 0; 0 means all
 */
public record HelpRequest(String pack, String filter, int offset, int limit) {

  private static final String PAGE_NUMBER = "[1-9][0-9]{0,5}";

  public HelpRequest {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must be >= 0: " + offset + ", " + limit);
    }
  }

  /**
   * Reads the chat forms of help, where pages count from 1 and hold {@code pageSize} entries:
   *
   * <ul>
   *   <li>{@code help} and {@code help 2}: everything, page 1 or 2;
   *   <li>{@code help <filter words>} and {@code help <filter words> 2}: the words, joined by one
   *       space, are the filter;
   *   <li>{@code help pack <pack>}, {@code help pack <pack> <filter words>}, each with an optional
   *       page number last.
   * </ul>
   *
   * A last word made only of digits is always the page number, so {@code help 2} is page 2, not a
   * search for "2". The word {@code help} is case-insensitive.
   *
   * @return the request, or empty when {@code command} is not a help command
   */
  public static Optional<HelpRequest> parse(String command, int pageSize) {
    List<String> words =
        new ArrayList<>(
            Arrays.asList(command == null ? new String[0] : command.strip().split("\\s+")));
    if (words.isEmpty() || !words.get(0).equalsIgnoreCase("help")) {
      return Optional.empty();
    }
    words.remove(0);
    int page = 1;
    if (!words.isEmpty() && words.get(words.size() - 1).matches(PAGE_NUMBER)) {
      page = Integer.parseInt(words.remove(words.size() - 1));
    }
    String pack = null;
    if (words.size() >= 2 && words.get(0).equalsIgnoreCase("pack")) {
      pack = words.get(1);
      words = words.subList(2, words.size());
    }
    String filter = words.isEmpty() ? null : String.join(" ", words);
    return Optional.of(new HelpRequest(pack, filter, (page - 1) * pageSize, pageSize));
  }
}
