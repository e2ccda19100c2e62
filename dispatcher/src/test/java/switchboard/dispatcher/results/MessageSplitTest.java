package switchboard.dispatcher.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageSplitTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        // message                    | pretext     | text
        "no delimiter at all          | NULL        | no delimiter at all",
        "Ran it on 2 hosts:{~}output  | Ran it on 2 hosts: | output",
        "all plaintext{~}             | NULL        | all plaintext",
        "{~}only a body               | NULL        | only a body",
        "a{~}b{~}c                    | a           | b{~}c",
      })
  void shouldSplitAtTheFirstDelimiterAsHubot(String message, String pretext, String text) {
    MessageSplit split = MessageSplit.of(message.strip());

    assertThat(split.pretext()).isEqualTo(pretext == null ? null : pretext.strip());
    assertThat(split.text()).isEqualTo(text.strip());
  }
}
