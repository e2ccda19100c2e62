package switchboard.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry that lives in one JVM, for topology tests (TopologyTestDriver has no broker) and
 * offline tools. Same compatibility rule as the others.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idBySchema = new HashMap<>();
  private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(schema)) {
      SchemaCompatibility.requireFullyCompatible(subject, schema, versions);
      versions.add(schema);
    }
    return idBySchema.computeIfAbsent(
        schema,
        s -> {
          int id = byId.size() + 1;
          byId.put(id, s);
          return id;
        });
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new UnknownSchemaException(id);
    }
    return schema;
  }
}
