package switchboard.matcher.help;

/** The answer to a help request: a page, or a filter that is not a valid regular expression. */
public sealed interface HelpResult permits HelpPage, HelpResult.InvalidFilter {

  /**
   * st2 would fail with a server error here ({@code re.error} from {@code re.search}); a chat reply
   * saying why is kinder.
   *
   * @param filter the filter as given, never null
   * @param reason Python's message, never null
   */
  record InvalidFilter(String filter, String reason) implements HelpResult {}
}
