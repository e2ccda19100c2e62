package switchboard.matcher.help;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HelpRequestTest {

  @Test
  void shouldReadPlainHelpAndPageNumbers() {
    assertThat(HelpRequest.parse("help", 10)).contains(new HelpRequest(null, null, 0, 10));
    assertThat(HelpRequest.parse("HELP 3", 10)).contains(new HelpRequest(null, null, 20, 10));
  }

  @Test
  void shouldReadFiltersAndPacks() {
    assertThat(HelpRequest.parse("help  ping   count 2", 5))
        .contains(new HelpRequest(null, "ping count", 5, 5));
    assertThat(HelpRequest.parse("help pack core", 5))
        .contains(new HelpRequest("core", null, 0, 5));
    assertThat(HelpRequest.parse("help pack core restart 2", 5))
        .contains(new HelpRequest("core", "restart", 5, 5));
    assertThat(HelpRequest.parse("help pack", 5)).contains(new HelpRequest(null, "pack", 0, 5));
  }

  @Test
  void shouldIgnoreCommandsThatAreNotHelp() {
    assertThat(HelpRequest.parse("helpme", 10)).isEmpty();
    assertThat(HelpRequest.parse("run help", 10)).isEmpty();
    assertThat(HelpRequest.parse("", 10)).isEmpty();
  }

  @Test
  void shouldRefuseNegativePaging() {
    assertThatThrownBy(() -> new HelpRequest(null, null, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
