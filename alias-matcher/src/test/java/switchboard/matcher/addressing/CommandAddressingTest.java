package switchboard.matcher.addressing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandAddressingTest {

  private final CommandAddressing addressing =
      new CommandAddressing(new AddressingSettings(null, List.of("<@U123>", "@switchboard")));

  @Test
  void shouldTakeTheCommandAfterTheDefaultPrefix() {
    assertThat(addressing.command("!run date on web1 ", false)).contains("run date on web1");
    assertThat(addressing.command("  ! help", false)).contains("help");
  }

  @Test
  void shouldTakeTheCommandAfterAMentionWithOptionalPunctuation() {
    assertThat(addressing.command("<@U123> ping 8.8.8.8", false)).contains("ping 8.8.8.8");
    assertThat(addressing.command("@switchboard: ping host", false)).contains("ping host");
    assertThat(addressing.command("@Switchboard, ping host", false)).contains("ping host");
  }

  @Test
  void shouldIgnoreMessagesNotAddressedToTheBot() {
    assertThat(addressing.command("ping 8.8.8.8", false)).isEmpty();
    assertThat(addressing.command("@switchboardx ping", false)).isEmpty();
    assertThat(addressing.command("hello <@U123>", false)).isEmpty();
    assertThat(addressing.command("!", false)).isEmpty();
    assertThat(addressing.command("<@U123>:", false)).isEmpty();
    assertThat(addressing.command(null, true)).isEmpty();
  }

  @Test
  void shouldTakeEveryMessageInADirectConversation() {
    assertThat(addressing.command("ping 8.8.8.8", true)).contains("ping 8.8.8.8");
    assertThat(addressing.command("!ping 8.8.8.8", true)).contains("ping 8.8.8.8");
  }

  @Test
  void shouldNormaliseCurlyQuotesAndNonBreakingSpacesLikeHubot() {
    assertThat(addressing.command("!run \u201cls -la\u201d on \u2018web 1\u2019", false))
        .contains("run \"ls -la\" on 'web 1'");
    assertThat(addressing.command("@switchboard\u00a0ping\u00a0host", false)).contains("ping host");
  }

  @Test
  void shouldHonourACustomPrefixOrNone() {
    CommandAddressing custom = new CommandAddressing(new AddressingSettings("st2 ", List.of()));
    CommandAddressing none = new CommandAddressing(new AddressingSettings("", List.of()));

    assertThat(custom.command("st2 run date", false)).contains("run date");
    assertThat(custom.command("!run date", false)).isEmpty();
    assertThat(none.command("!run date", false)).isEmpty();
  }
}
