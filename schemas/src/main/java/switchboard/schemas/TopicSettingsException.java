package switchboard.schemas;

import java.util.List;

/** Existing topics whose settings would break a Switchboard guarantee; start-up stops. */
public final class TopicSettingsException extends IllegalStateException {

  private final List<String> problems;

  public TopicSettingsException(List<String> problems) {
    super("refusing to start: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
