package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import switchboard.connector.slack.SlackRequestVerifier.Verdict;

class SlackRequestVerifierTest {

  // The worked example of https://api.slack.com/authentication/verifying-requests-from-slack
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final long TIMESTAMP = 1531420618L;
  private static final byte[] BODY =
      ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
              + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
              + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
              + "commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
              + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
          .getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private static SlackRequestVerifier verifierAt(long epochSecond) {
    return new SlackRequestVerifier(
        SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  @Test
  void shouldAcceptSlacksDocumentedExampleWhenTheClockIsAtItsTimestamp() {
    assertThat(verifierAt(TIMESTAMP).verify(Long.toString(TIMESTAMP), SIGNATURE, BODY))
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void shouldRefuseAForgedSignature() {
    String forged = SIGNATURE.substring(0, SIGNATURE.length() - 1) + "4";

    assertThat(verifierAt(TIMESTAMP).verify(Long.toString(TIMESTAMP), forged, BODY))
        .isEqualTo(Verdict.FORGED);
  }

  @Test
  void shouldRefuseTheGenuineSignatureOverAnAlteredBody() {
    byte[] altered =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("user_id=U2CERLKJA", "user_id=U0ADMIN00")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(verifierAt(TIMESTAMP).verify(Long.toString(TIMESTAMP), SIGNATURE, altered))
        .isEqualTo(Verdict.FORGED);
  }

  @Test
  void shouldRefuseTheGenuineSignatureUnderAnotherTimestamp() {
    assertThat(verifierAt(TIMESTAMP).verify(Long.toString(TIMESTAMP + 1), SIGNATURE, BODY))
        .isEqualTo(Verdict.FORGED);
  }

  @Test
  void shouldRefuseARequestOlderThanFiveMinutes() {
    long now = TIMESTAMP + Duration.ofMinutes(5).toSeconds() + 1;

    assertThat(verifierAt(now).verify(Long.toString(TIMESTAMP), SIGNATURE, BODY))
        .isEqualTo(Verdict.STALE);
  }

  @Test
  void shouldRefuseARequestStampedMoreThanFiveMinutesAhead() {
    long now = TIMESTAMP - Duration.ofMinutes(5).toSeconds() - 1;

    assertThat(verifierAt(now).verify(Long.toString(TIMESTAMP), SIGNATURE, BODY))
        .isEqualTo(Verdict.STALE);
  }

  @Test
  void shouldAcceptARequestExactlyFiveMinutesOld() {
    long now = TIMESTAMP + Duration.ofMinutes(5).toSeconds();

    assertThat(verifierAt(now).verify(Long.toString(TIMESTAMP), SIGNATURE, BODY))
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void shouldReportAReplayedRequestAsDuplicate() {
    SlackRequestVerifier verifier = verifierAt(TIMESTAMP + 30);

    Verdict first = verifier.verify(Long.toString(TIMESTAMP), SIGNATURE, BODY);
    Verdict replay = verifier.verify(Long.toString(TIMESTAMP), SIGNATURE, BODY);

    assertThat(first).isEqualTo(Verdict.VALID);
    assertThat(replay).isEqualTo(Verdict.DUPLICATE);
  }

  @Test
  void shouldNotRememberAForgeryAsSeen() {
    SlackRequestVerifier verifier = verifierAt(TIMESTAMP);
    String forged = SIGNATURE.replace('a', 'b');

    verifier.verify(Long.toString(TIMESTAMP), forged, BODY);

    assertThat(verifier.verify(Long.toString(TIMESTAMP), SIGNATURE, BODY)).isEqualTo(Verdict.VALID);
  }

  @Test
  void shouldRefuseRequestsWithoutUsableHeaders() {
    SlackRequestVerifier verifier = verifierAt(TIMESTAMP);

    assertThat(verifier.verify(null, SIGNATURE, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
    assertThat(verifier.verify(Long.toString(TIMESTAMP), null, BODY))
        .isEqualTo(Verdict.MISSING_HEADERS);
    assertThat(verifier.verify("yesterday", SIGNATURE, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
  }
}
