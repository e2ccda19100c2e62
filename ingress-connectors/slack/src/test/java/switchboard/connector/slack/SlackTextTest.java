package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlackTextTest {

  @Test
  void shouldEscapeExactlyAmpersandAndAngleBrackets() {
    assertThat(SlackText.escape("a < b && c > <!channel> \"q\" 'x'"))
        .isEqualTo("a &lt; b &amp;&amp; c &gt; &lt;!channel&gt; \"q\" 'x'");
  }

  @Test
  void shouldSplitIntoPiecesWithinTheLimitThatJoinBackToTheText() {
    String text = "word ".repeat(2_000);

    List<String> pieces = SlackText.chunks(text, 3_000);

    assertThat(pieces).hasSize(4).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(3_000));
    assertThat(String.join("", pieces)).isEqualTo(text);
  }

  @Test
  void shouldCutAfterALineBreakInTheSecondHalfOfAPiece() {
    String text = "a".repeat(70) + "\n" + "b".repeat(50);

    List<String> pieces = SlackText.chunks(text, 100);

    assertThat(pieces).containsExactly("a".repeat(70) + "\n", "b".repeat(50));
  }

  @Test
  void shouldNotCutInsideAnEscape() {
    String text = "x".repeat(8) + "&amp;" + "y".repeat(10);

    List<String> pieces = SlackText.chunks(text, 10);

    assertThat(pieces.get(0)).isEqualTo("x".repeat(8));
    assertThat(pieces.get(1)).startsWith("&amp;");
    assertThat(String.join("", pieces)).isEqualTo(text);
  }

  @Test
  void shouldNotCutASurrogatePair() {
    String text = "x".repeat(9) + "😀" + "y";

    List<String> pieces = SlackText.chunks(text, 10);

    assertThat(pieces).containsExactly("x".repeat(9), "😀y");
  }

  @Test
  void shouldKeepAnEmptyTextAsOnePiece() {
    assertThat(SlackText.chunks("", 100)).containsExactly("");
  }

  @Test
  void shouldTruncateWithAnEllipsis() {
    assertThat(SlackText.truncate("abcdef", 4)).isEqualTo("abc…");
    assertThat(SlackText.truncate("abc", 4)).isEqualTo("abc");
  }
}
