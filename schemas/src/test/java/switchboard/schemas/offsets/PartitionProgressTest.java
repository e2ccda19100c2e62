package switchboard.schemas.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  private final PartitionProgress progress = new PartitionProgress();

  @Test
  void shouldCommitOnlyUpToTheFirstUnsettledOffset() {
    for (long offset = 0; offset < 5; offset++) {
      progress.received(offset);
    }

    progress.settled(1);
    progress.settled(2);
    assertThat(progress.position()).isEmpty();

    progress.settled(0);
    assertThat(progress.position()).hasValue(3);

    progress.settled(4);
    assertThat(progress.position()).hasValue(3);

    progress.settled(3);
    assertThat(progress.position()).hasValue(5);
  }

  @Test
  void shouldFollowTheOrderOfReceiptAcrossGapsInOffsets() {
    // Transaction markers and compaction leave offsets that are never read.
    progress.received(10);
    progress.received(12);
    progress.received(15);

    progress.settled(12);
    progress.settled(10);
    assertThat(progress.position()).hasValue(13);

    progress.settled(15);
    assertThat(progress.position()).hasValue(16);
  }

  @Test
  void shouldOfferAPositionOnlyWhenItMoved() {
    progress.received(0);
    progress.received(1);
    assertThat(progress.advance()).isEmpty();

    progress.settled(0);
    assertThat(progress.advance()).isEqualTo(OptionalLong.of(1));
    assertThat(progress.advance()).isEmpty();
    assertThat(progress.position()).hasValue(1);

    progress.settled(1);
    assertThat(progress.advance()).isEqualTo(OptionalLong.of(2));
  }

  @Test
  void shouldCountWhatIsStillUnsettled() {
    progress.received(10);
    progress.received(11);
    progress.settled(11);

    assertThat(progress.unsettled()).isEqualTo(2);

    progress.settled(10);
    assertThat(progress.unsettled()).isZero();
  }
}
