package switchboard.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import switchboard.connector.DeliveryResult;

class SlackApiErrorsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "msg_too_long",
        "invalid_blocks",
        "no_text",
        "user_not_in_channel",
        "something_new"
      })
  void shouldTreatRefusalsOfTheReplyAsPermanent(String error) {
    assertThat(SlackApiErrors.outcome("chat.postMessage", error, null))
        .isInstanceOf(DeliveryResult.PermanentFailure.class)
        .extracting(r -> ((DeliveryResult.PermanentFailure) r).reason())
        .asString()
        .contains("chat.postMessage", error);
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalid_auth", "not_authed", "token_revoked", "missing_scope"})
  void shouldNameTheBotTokenWhenSlackRefusesOurCredentials(String error) {
    assertThat(SlackApiErrors.outcome("chat.postMessage", error, null))
        .isInstanceOf(DeliveryResult.PermanentFailure.class)
        .extracting(r -> ((DeliveryResult.PermanentFailure) r).reason())
        .asString()
        .contains("bot.token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"internal_error", "fatal_error", "service_unavailable"})
  void shouldTreatSlacksOwnTroubleAsTransient(String error) {
    assertThat(SlackApiErrors.outcome("chat.postMessage", error, null))
        .isInstanceOf(DeliveryResult.TransientFailure.class);
  }

  @Test
  void shouldWaitOnARateLimitReportedInTheBody() {
    assertThat(SlackApiErrors.outcome("chat.postMessage", "ratelimited", null))
        .isEqualTo(
            new DeliveryResult.RetryAfter(
                SlackApiErrors.DEFAULT_RETRY_AFTER, "chat.postMessage answered ratelimited"));
  }

  @Test
  void shouldWaitRetryAfterOnHttp429() {
    assertThat(SlackApiErrors.httpOutcome("chat.postMessage", 429, Duration.ofSeconds(30)))
        .isEqualTo(
            new DeliveryResult.RetryAfter(
                Duration.ofSeconds(30), "chat.postMessage answered HTTP 429"));
  }

  @Test
  void shouldSortOtherHttpStatuses() {
    assertThat(SlackApiErrors.httpOutcome("chat.postMessage", 503, null))
        .isInstanceOf(DeliveryResult.TransientFailure.class);
    assertThat(SlackApiErrors.httpOutcome("chat.postMessage", 404, null))
        .isInstanceOf(DeliveryResult.PermanentFailure.class);
  }

  @Test
  void shouldReadRetryAfterInSeconds() {
    assertThat(SlackApiErrors.retryAfter("17")).isEqualTo(Duration.ofSeconds(17));
    assertThat(SlackApiErrors.retryAfter(" 3 ")).isEqualTo(Duration.ofSeconds(3));
    assertThat(SlackApiErrors.retryAfter(null)).isNull();
    assertThat(SlackApiErrors.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
  }
}
