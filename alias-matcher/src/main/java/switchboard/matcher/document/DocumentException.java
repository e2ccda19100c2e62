package switchboard.matcher.document;

import java.util.List;
import java.util.stream.Collectors;

/** A document that cannot be applied; lists every problem, each with its line. */
public final class DocumentException extends Exception {

  /**
   * One problem.
   *
   * @param line 1-based line of the offending value
   * @param column 1-based column
   * @param path where in the document, e.g. {@code rules[2].where.channels[0]}; "" for the whole
   * @param message what is wrong and what is expected
   */
  public record Problem(int line, int column, String path, String message) {
    @Override
    public String toString() {
      return line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
  }

  private final List<Problem> problems;

  public DocumentException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in document order; never empty. */
  public List<Problem> problems() {
    return problems;
  }
}
