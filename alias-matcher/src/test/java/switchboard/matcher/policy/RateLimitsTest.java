package switchboard.matcher.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final Quota twoPerMinute = new Quota(2, Duration.ofMinutes(1));

  @Test
  void shouldAdmitUpToTheCountWithinThePeriod() {
    RateLimits.Admission first = RateLimits.admit(twoPerMinute, null, 1_000);
    RateLimits.Admission second = RateLimits.admit(twoPerMinute, first.log(), 2_000);
    RateLimits.Admission third = RateLimits.admit(twoPerMinute, second.log(), 3_000);

    assertThat(first.admitted()).isTrue();
    assertThat(second.admitted()).isTrue();
    assertThat(second.log()).containsExactly(1_000L, 2_000L);
    assertThat(third.admitted()).isFalse();
    assertThat(third.log()).as("a refused command does not count").containsExactly(1_000L, 2_000L);
    assertThat(third.retryAfter()).isEqualTo(Duration.ofMillis(58_000));
  }

  @Test
  void shouldSlideTheWindowAndForgetOldEntries() {
    RateLimits.Admission later = RateLimits.admit(twoPerMinute, List.of(1_000L, 2_000L), 61_001);

    assertThat(later.admitted()).isTrue();
    assertThat(later.log()).containsExactly(2_000L, 61_001L);
  }

  @Test
  void shouldRefuseAQuotaWithoutCountOrPeriod() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> new Quota(0, Duration.ofMinutes(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Quota(5, Duration.ofHours(1))).hasToString("5 per 1h");
  }
}
