package switchboard.matcher.grammar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * st2's {@code ActionAliasFormatParser} ({@code st2common/models/utils/action_alias_utils.py},
 * contract §9) as two static calls. Formats are compiled through a small shared cache; callers with
 * a fixed set of formats should hold {@link CompiledFormat}s instead.
 *
 * <p>Pure (apart from the cache) and thread-safe.
 */
public final class AliasFormatParser {

  private static final int CACHE_SIZE = 256;

  private static final Map<String, CompiledFormat> CACHE =
      new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledFormat> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private AliasFormatParser() {}

  /**
   * st2's {@code extract_parameters(format, command)}.
   *
   * @param format the alias format; null reads as ""
   * @param command the chat command; null reads as "" (st2's {@code param_stream=None})
   * @return parameter name to value in st2's order; a value is null where its group did not take
   *     part; never null
   * @throws AliasParseException with st2's message when the command does not fit; also when the
   *     format cannot be compiled, with the {@link AliasFormatException} as cause
   */
  public static Map<String, String> parse(String format, String command)
      throws AliasParseException {
    return compiled(format).parse(command);
  }

  /**
   * st2's {@code extract_parameters(format, command, match_multiple=True)}: one map per match.
   *
   * @return the maps in command order; empty when nothing matches (st2 raises nothing then); never
   *     null
   * @throws AliasParseException "No value supplied and no default value found.", or a format that
   *     cannot be compiled
   */
  public static List<Map<String, String>> parseMultiple(String format, String command)
      throws AliasParseException {
    return compiled(format).parseAll(command);
  }

  private static CompiledFormat compiled(String format) throws AliasParseException {
    String key = format == null ? "" : format;
    synchronized (CACHE) {
      CompiledFormat cached = CACHE.get(key);
      if (cached != null) {
        return cached;
      }
    }
    try {
      CompiledFormat compiled = CompiledFormat.compile(key);
      synchronized (CACHE) {
        CACHE.put(key, compiled);
      }
      return compiled;
    } catch (AliasFormatException e) {
      throw AliasParseException.invalidFormat(e);
    }
  }
}
