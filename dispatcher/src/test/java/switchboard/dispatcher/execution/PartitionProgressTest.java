package switchboard.dispatcher.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  @Test
  void shouldOnlyAdvancePastOffsetsWhoseEveryPredecessorSettled() {
    PartitionProgress progress = new PartitionProgress();
    // Offsets with a gap, as a transaction marker leaves one.
    progress.received(10);
    progress.received(11);
    progress.received(13);

    progress.settled(11);
    assertThat(progress.advance()).isEmpty();

    progress.settled(10);
    assertThat(progress.advance()).hasValue(12);
    assertThat(progress.advance()).isEmpty();

    progress.settled(13);
    assertThat(progress.advance()).hasValue(14);
    assertThat(progress.unsettled()).isZero();
  }
}
