package switchboard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import switchboard.records.ChatEvent;
import switchboard.schemas.TopicSpec;
import switchboard.schemas.Topics;

/**
 * Every schema stays backward and forward compatible with each released version, kept under {@code
 * src/test/resources/released/<Record>/v<N>.avsc}. When a release ships, copy the current schema
 * there as the next version.
 */
class SchemaEvolutionTest {

  static Stream<TopicSpec<?>> topics() {
    return Topics.defaults().all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void shouldStayCompatibleWithEveryReleasedVersion(TopicSpec<?> topic) throws IOException {
    Schema current = schemaOf(topic);
    List<Schema> released = released(current.getName());

    assertThatCode(
            () ->
                SchemaCompatibility.requireFullyCompatible(topic.valueSubject(), current, released))
        .doesNotThrowAnyException();
    org.assertj.core.api.Assertions.assertThat(released)
        .as("released versions of %s", current.getName())
        .isNotEmpty();
  }

  @Test
  void shouldRejectAFieldAddedWithoutDefault() throws IOException {
    Schema broken = withExtraField(ChatEvent.getClassSchema(), false);

    assertThatThrownBy(
            () ->
                SchemaCompatibility.requireFullyCompatible(
                    "chatops.events-value", broken, released("ChatEvent")))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("not backward compatible with version 1")
        .hasMessageContaining("tenant");
  }

  @Test
  void shouldAcceptAFieldAddedWithDefault() throws IOException {
    Schema evolved = withExtraField(ChatEvent.getClassSchema(), true);

    assertThatCode(
            () ->
                SchemaCompatibility.requireFullyCompatible(
                    "chatops.events-value", evolved, released("ChatEvent")))
        .doesNotThrowAnyException();
  }

  private static Schema withExtraField(Schema base, boolean withDefault) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : base.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    Schema string = Schema.create(Schema.Type.STRING);
    fields.add(
        withDefault
            ? new Schema.Field("tenant", string, "tenant of the event", "")
            : new Schema.Field("tenant", string, "tenant of the event"));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  private static Schema schemaOf(TopicSpec<?> topic) {
    try {
      return (Schema) topic.valueType().getField("SCHEMA$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Schema> released(String record) throws IOException {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String path = "/released/" + record + "/v" + version + ".avsc";
      try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(path)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      }
    }
  }
}
