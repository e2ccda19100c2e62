package switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import switchboard.records.ChatEvent;
import switchboard.schemas.ReasonCode;
import switchboard.schemas.SampleRecords;
import switchboard.schemas.Topics;
import switchboard.schemas.registry.InMemorySchemaRegistry;

class AvroRecordSerdeTest {

  private final Topics topics = Topics.defaults();
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final RecordSerdes serdes = new RecordSerdes(registry);

  @Test
  void shouldWriteTheSchemaRegistryWireFormat() {
    ChatEvent event = SampleRecords.chatEvent();

    byte[] bytes = serdes.value(topics.events()).serialize(topics.events().name(), event);

    assertThat(bytes[0]).isEqualTo((byte) 0);
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(registry.schemaById(id)).isEqualTo(ChatEvent.getClassSchema());
    assertThat(serdes.value(topics.events()).deserialize(topics.events().name(), bytes))
        .isEqualTo(event);
  }

  @Test
  void shouldRejectBytesWithoutTheMagicByteAsUndecodable() {
    byte[] json = "{\"text\":\"hi\"}".getBytes();

    assertThatThrownBy(() -> serdes.value(topics.events()).deserialize("chatops.events", json))
        .isInstanceOf(RecordDecodingException.class)
        .hasMessageContaining("magic byte 123")
        .extracting(e -> ((RecordDecodingException) e).reason())
        .isEqualTo(ReasonCode.UNDECODABLE);
  }

  @Test
  void shouldReportAnUnknownSchemaId() {
    byte[] bytes = {0, 0, 0, 0, 99, 2, 3};

    DecodeResult<ChatEvent> result = serdes.decode(topics.events(), bytes);

    assertThat(result)
        .isEqualTo(
            new DecodeResult.Undecodable<ChatEvent>(
                ReasonCode.UNKNOWN_SCHEMA,
                "no schema with id 99 in the registry on chatops.events"));
  }

  @Test
  void shouldReportTruncatedAvroAsUndecodable() {
    byte[] bytes =
        serdes.value(topics.events()).serialize("chatops.events", SampleRecords.chatEvent());
    byte[] truncated = java.util.Arrays.copyOf(bytes, 9);

    DecodeResult<ChatEvent> result = serdes.decode(topics.events(), truncated);

    assertThat(result).isInstanceOf(DecodeResult.Undecodable.class);
    assertThat(((DecodeResult.Undecodable<ChatEvent>) result).reason())
        .isEqualTo(ReasonCode.UNDECODABLE);
  }
}
