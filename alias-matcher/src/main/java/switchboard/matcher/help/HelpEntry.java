package switchboard.matcher.help;

/**
 * One help string, as in st2's {@code helpstrings} list (contract §3.3).
 *
 * @param pack never null
 * @param display the format's help text, never null
 * @param description the alias's description; nullable, as in st2
 */
public record HelpEntry(String pack, String display, String description) {}
