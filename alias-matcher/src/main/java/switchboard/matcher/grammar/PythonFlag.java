package switchboard.matcher.grammar;

/** The {@code re.compile} flags st2 passes to Python, as arguments to the translator. */
public enum PythonFlag {
  /** {@code re.IGNORECASE}: st2's help filter ({@code actionalias_helpstring.py}). */
  IGNORECASE(PythonRegexParser.IGNORECASE),
  /**
   * {@code re.DOTALL}: every alias format and the key=value scan ({@code action_alias_utils.py}).
   */
  DOTALL(PythonRegexParser.DOTALL);

  final int bit;

  PythonFlag(int bit) {
    this.bit = bit;
  }
}
