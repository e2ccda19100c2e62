package switchboard.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Full transitive compatibility, decided by Avro's own checker: a new version must read data
 * written by every earlier version (backward) and be readable by each of them (forward), because
 * topics are replayed for audit and components upgrade one at a time.
 */
public final class SchemaCompatibility {

  private SchemaCompatibility() {}

  /**
   * @throws IncompatibleSchemaException naming the subject, the version and Avro's reasons
   */
  public static void requireFullyCompatible(
      String subject, Schema candidate, List<Schema> earlierVersions) {
    for (int version = 0; version < earlierVersions.size(); version++) {
      Schema earlier = earlierVersions.get(version);
      check(subject, version + 1, "backward", candidate, earlier);
      check(subject, version + 1, "forward", earlier, candidate);
    }
  }

  private static void check(
      String subject, int version, String direction, Schema reader, Schema writer) {
    SchemaPairCompatibility result =
        org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      throw new IncompatibleSchemaException(
          "schema for "
              + subject
              + " is not "
              + direction
              + " compatible with version "
              + version
              + ": "
              + result.getResult().getIncompatibilities());
    }
  }
}
