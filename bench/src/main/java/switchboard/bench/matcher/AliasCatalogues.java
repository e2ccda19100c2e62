package switchboard.bench.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;

/**
 * Alias catalogues of realistic shape for benchmarks: packs of about twenty aliases whose commands
 * start with the pack's word (as in `aws ec2 start`, `jira create issue`), with the macro kinds
 * real packs use (required, defaults, several parameters, small regex alternations), and chat
 * commands that hit a random alias or, one time in ten, nothing.
 */
public final class AliasCatalogues {

  private static final String[] VERBS = {
    "show", "restart", "deploy", "scale", "create", "delete", "get", "list", "run", "check",
    "start", "stop", "tail", "rollback", "describe", "ping", "sync", "approve", "reset", "status"
  };
  private static final int ALIASES_PER_PACK = VERBS.length;

  private AliasCatalogues() {}

  /**
   * {@code count} enabled aliases in {@code ceil(count / 20)} packs. Names are unique across packs
   * ({@code <pack>_<verb>}), as real packs keep them: StackStorm's alias execution finds an alias
   * by its name alone.
   */
  public static List<Alias> catalogue(int count) {
    List<Alias> aliases = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String pack = pack(i / ALIASES_PER_PACK);
      String verb = VERBS[i % ALIASES_PER_PACK];
      String format = format(pack, verb, i);
      String name = pack + "_" + verb;
      aliases.add(
          new Alias(
              pack + "." + name,
              pack,
              name,
              verb + " in " + pack,
              true,
              pack + "." + verb,
              List.of(AliasFormatSpec.of(format)),
              null,
              null,
              null,
              null));
    }
    return aliases;
  }

  private static String format(String pack, String verb, int i) {
    switch (i % 4) {
      case 0:
        return pack + " " + verb + " {{target}}";
      case 1:
        return pack + " " + verb + " {{target}} on {{host=localhost}}";
      case 2:
        return pack + " " + verb + " {{count}} (items|things) in {{region=eu-west-1}}";
      default:
        return pack + " " + verb + " {{target}} with {{options}}";
    }
  }

  /** A pack word: distinct for every pack, alphabetic like real pack names. */
  static String pack(int index) {
    StringBuilder name = new StringBuilder();
    int n = index;
    do {
      name.append((char) ('a' + n % 26));
      n = n / 26 - 1;
    } while (n >= 0);
    return "pk" + name;
  }

  /** {@code size} commands for {@code catalogue}: 90% hit an alias, 10% match nothing. */
  public static List<String> commands(int catalogueSize, int size, long seed) {
    return commands(catalogueSize, size, seed, true);
  }

  /**
   * {@code size} commands that each hit exactly one alias of {@code catalogue}, for load where
   * every command must run (and so be acknowledged and answered).
   */
  public static List<String> hits(int catalogueSize, int size, long seed) {
    return commands(catalogueSize, size, seed, false);
  }

  private static List<String> commands(int catalogueSize, int size, long seed, boolean misses) {
    Random random = new Random(seed);
    List<String> commands = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int alias = random.nextInt(catalogueSize);
      String pack = pack(alias / ALIASES_PER_PACK);
      String verb = VERBS[alias % ALIASES_PER_PACK];
      if (misses && random.nextInt(10) == 0) {
        commands.add(pack + " frobnicate everything " + i);
        continue;
      }
      switch (alias % 4) {
        case 0:
          commands.add(pack + " " + verb + " web" + i);
          break;
        case 1:
          commands.add(pack + " " + verb + " api" + i + " on db" + (i % 7));
          break;
        case 2:
          commands.add(pack + " " + verb + " " + i + " items in us-east-" + (i % 3));
          break;
        default:
          commands.add(pack + " " + verb + " job" + i + " with --force --verbose");
          break;
      }
    }
    return commands;
  }
}
