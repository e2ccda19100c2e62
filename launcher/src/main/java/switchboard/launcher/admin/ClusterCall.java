package switchboard.launcher.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import switchboard.matcher.document.DocumentException;

/**
 * Runs an administration command's body and turns the failures it expects into a message on stderr
 * and exit code 1: the cluster cannot answer, a document does not validate (each problem on its own
 * line, prefixed with the file name when there is one), a file cannot be read.
 */
public final class ClusterCall {

  /** Exit code of a command that failed for a reason it explained. */
  public static final int FAILED = 1;

  private ClusterCall() {}

  /**
   * @param file the document's name, to prefix its problems with; null when there is none
   */
  public static int run(CommandSpec spec, String file, Callable<Integer> body) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return body.call();
    } catch (ClusterException e) {
      err.println(e.getMessage());
    } catch (DocumentException e) {
      for (DocumentException.Problem problem : e.problems()) {
        err.println(
            file == null
                ? (problem.path().isEmpty() ? "" : problem.path() + ": ") + problem.message()
                : file + ":" + problem);
      }
    } catch (IOException e) {
      err.println("cannot read " + (file == null ? "the file" : file) + ": " + e.getMessage());
    }
    return FAILED;
  }
}
