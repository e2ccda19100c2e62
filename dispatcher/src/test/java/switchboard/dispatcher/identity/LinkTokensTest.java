package switchboard.dispatcher.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  private final LinkTokens tokens =
      new LinkTokens(
          new LinkSettings(
              Optional.of(URI.create("https://sb.example/link/")),
              "127.0.0.1",
              0,
              Duration.ofMinutes(10),
              2),
          clock);

  @Test
  void shouldIssueUnguessableTokensOf32RandomBytes() {
    Set<String> issued = new HashSet<>();
    IntStream.range(0, 1000).forEach(i -> issued.add(tokens.issue("slack", "T1", "U1")));

    assertThat(issued).hasSize(1000).allMatch(t -> LinkTokens.SHAPE.matcher(t).matches());
  }

  @Test
  void shouldBeUsableOnceAndOnlyBeforeItExpires() {
    String once = tokens.issue("slack", "T1", "U1");
    String late = tokens.issue("slack", "T1", "U2");

    assertThat(tokens.lookup(once)).isInstanceOf(LinkTokens.Lookup.Valid.class);
    assertThat(tokens.consume(once)).map(LinkTokens.Pending::chatUserId).contains("U1");
    assertThat(tokens.consume(once)).isEmpty();
    assertThat(tokens.lookup(once)).isInstanceOf(LinkTokens.Lookup.Gone.class);

    clock.now = clock.now.plus(Duration.ofMinutes(10));
    assertThat(tokens.lookup(late)).isInstanceOf(LinkTokens.Lookup.Gone.class);
    assertThat(tokens.consume(late)).isEmpty();
    assertThat(tokens.lookup("never-issued")).isInstanceOf(LinkTokens.Lookup.Gone.class);
  }

  @Test
  void shouldVoidATokenAfterTooManyWrongSignIns() {
    String token = tokens.issue("slack", "T1", "U1");

    assertThat(tokens.attempt(token)).isInstanceOf(LinkTokens.Lookup.Valid.class);
    tokens.wrong(token);
    assertThat(tokens.lookup(token)).isInstanceOf(LinkTokens.Lookup.Valid.class);
    assertThat(tokens.attempt(token)).isInstanceOf(LinkTokens.Lookup.Valid.class);
    tokens.wrong(token);
    assertThat(tokens.lookup(token)).isInstanceOf(LinkTokens.Lookup.Gone.class);
  }

  @Test
  void shouldLetSimultaneousGuessesTakeNoMoreAttemptsThanTheTokenAllows() {
    String token = tokens.issue("slack", "T1", "U1");

    // Two guesses in flight at once, a third arriving before either is answered
    assertThat(tokens.attempt(token)).isInstanceOf(LinkTokens.Lookup.Valid.class);
    assertThat(tokens.attempt(token)).isInstanceOf(LinkTokens.Lookup.Valid.class);
    assertThat(tokens.attempt(token)).isInstanceOf(LinkTokens.Lookup.Gone.class);
    // and one of the two in flight may still be right
    assertThat(tokens.consume(token)).isPresent();
  }

  @Test
  void shouldNotCountAnAttemptStackStormCouldNotJudgeAndGiveBackALinkThatWasNotRecorded() {
    String token = tokens.issue("slack", "T1", "U1");

    tokens.attempt(token);
    tokens.refund(token);
    tokens.attempt(token);
    tokens.refund(token);
    assertThat(tokens.attempt(token)).isInstanceOf(LinkTokens.Lookup.Valid.class);

    LinkTokens.Pending used = tokens.consume(token).orElseThrow();
    tokens.restore(token, used);
    assertThat(tokens.consume(token)).contains(used);
  }

  @Test
  void shouldEscapeEverythingItPutsInThePage() {
    assertThat(LinkHtml.escape("<script>alert('x')</script>&\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    assertThat(
            LinkHtml.form(
                new LinkTokens.Pending("slack", "T1", "<b>U1</b>", Instant.EPOCH, 1), null))
        .contains("&lt;b&gt;U1&lt;/b&gt;")
        .doesNotContain("<b>U1");
  }

  /** A clock the test moves. */
  static final class MutableClock extends java.time.Clock {
    volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void shouldAddressTheTokenAtThePublicUrlOrElseAtThePagesOwnPort() {
    LinkSettings local =
        new LinkSettings(Optional.empty(), "127.0.0.1", 0, Duration.ofMinutes(1), 1);
    LinkSettings proxied =
        new LinkSettings(
            Optional.of(URI.create("https://sb.example/link/")),
            "0.0.0.0",
            8091,
            Duration.ofMinutes(1),
            1);

    assertThat(local.urlOf("tok", 40123)).hasToString("http://127.0.0.1:40123/link/tok");
    assertThat(proxied.urlOf("tok", 8091)).hasToString("https://sb.example/link/tok");
  }
}
