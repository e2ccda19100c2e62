package switchboard.matcher.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads JSON or YAML by file extension; shared by the alias and test-case readers. */
final class CatalogFiles {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new YAMLMapper();

  private CatalogFiles() {}

  static JsonNode read(Path file) throws IOException {
    return (isYaml(file) ? YAML : JSON).readTree(file.toFile());
  }

  static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /**
   * A boolean as PyYAML's {@code safe_load} reads it (YAML 1.1, as st2 does): also yes/no/on/off,
   * which Jackson leaves as text.
   */
  static boolean bool(JsonNode node, boolean absent, String where) throws AliasCatalogException {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return absent;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    switch (node.asText().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y" -> {
        return true;
      }
      case "false", "no", "off", "n" -> {
        return false;
      }
      default -> throw new AliasCatalogException(where + ": not a boolean: " + node);
    }
  }
}
