package switchboard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import switchboard.records.ChatEvent;

class ConfluentRegistryClientTest {

  private ConfluentRegistryDouble registry;
  private ConfluentRegistryClient client;

  @BeforeEach
  void start() throws Exception {
    registry =
        new ConfluentRegistryDouble(
            "Basic " + Base64.getEncoder().encodeToString("sb:secret".getBytes()));
    client = new ConfluentRegistryClient(registry.url(), "sb:secret");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldRegisterOnceAndResolveTheIdBack() {
    int id = client.register("chatops.events-value", ChatEvent.getClassSchema());
    int again = client.register("chatops.events-value", ChatEvent.getClassSchema());

    assertThat(again).isEqualTo(id);
    assertThat(new ConfluentRegistryClient(registry.url(), "sb:secret").schemaById(id))
        .isEqualTo(ChatEvent.getClassSchema());
  }

  @Test
  void shouldFindASchemaAnotherClientRegistered() {
    int id = client.register("chatops.events-value", ChatEvent.getClassSchema());

    int seen =
        new ConfluentRegistryClient(registry.url(), "sb:secret")
            .register("chatops.events-value", ChatEvent.getClassSchema());

    assertThat(seen).isEqualTo(id);
  }

  @Test
  void shouldRefuseAnIncompatibleVersion() {
    Schema v1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
    Schema v2 = SchemaBuilder.record("R").fields().requiredString("a").requiredInt("b").endRecord();
    client.register("r-value", v1);

    assertThatThrownBy(() -> client.register("r-value", v2))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("r-value");
  }

  @Test
  void shouldReportAnUnknownId() {
    assertThatThrownBy(() -> client.schemaById(4242)).isInstanceOf(UnknownSchemaException.class);
  }

  @Test
  void shouldSayWhenCredentialsAreRejected() {
    ConfluentRegistryClient wrong = new ConfluentRegistryClient(registry.url(), "sb:wrong");

    assertThatThrownBy(() -> wrong.register("x-value", ChatEvent.getClassSchema()))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("HTTP 401");
  }
}
