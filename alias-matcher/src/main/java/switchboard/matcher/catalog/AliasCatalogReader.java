package switchboard.matcher.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import switchboard.matcher.match.Alias;
import switchboard.matcher.match.AliasFormatSpec;

/**
 * Reads aliases from the places st2 keeps them: the JSON answer of {@code GET /api/v1/actionalias}
 * (contract §3.1), a pack directory ({@code <pack>/aliases/*.yaml}), or one alias YAML file. The
 * I/O edge of the matcher; everything it returns is immutable.
 */
public final class AliasCatalogReader {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private AliasCatalogReader() {}

  /**
   * Reads {@code path} by its kind: a directory is a pack, a {@code .yaml}/{@code .yml} file one
   * alias, anything else an API JSON array.
   *
   * @return the aliases in file order, never null
   * @throws AliasCatalogException when the content is not in the expected shape
   */
  public static List<Alias> read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return readPack(path);
    }
    if (CatalogFiles.isYaml(path)) {
      return List.of(readAliasFile(path));
    }
    try (InputStream in = Files.newInputStream(path)) {
      return readApiJson(in, path.toString());
    }
  }

  /**
   * Reads the body of {@code GET /api/v1/actionalias}: a JSON array of ActionAlias objects. Keys
   * the matcher does not use ({@code id}, {@code uid}, {@code immutable_parameters}, ...) are
   * ignored, so the exchange data set with its {@code source} and {@code license} keys reads too.
   *
   * @param source names the input in error messages
   */
  public static List<Alias> readApiJson(InputStream in, String source) throws IOException {
    JsonNode array = CatalogFiles.JSON.readTree(in);
    if (array == null || !array.isArray()) {
      throw new AliasCatalogException(source + ": expected a JSON array of action aliases");
    }
    List<Alias> aliases = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      aliases.add(alias(array.get(i), null, source + "[" + i + "]"));
    }
    return List.copyOf(aliases);
  }

  /**
   * Reads {@code <pack>/aliases/*.yaml} and {@code *.yml} in file-name order. The pack is named by
   * {@code pack.yaml}'s {@code ref}, else its {@code name}, else the directory name, and that name
   * wins over a {@code pack} key inside an alias file.
   */
  public static List<Alias> readPack(Path packDirectory) throws IOException {
    String pack = packName(packDirectory);
    Path aliasDirectory = packDirectory.resolve("aliases");
    if (!Files.isDirectory(aliasDirectory)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(aliasDirectory)) {
      files = listing.filter(CatalogFiles::isYaml).sorted().toList();
    }
    List<Alias> aliases = new ArrayList<>();
    for (Path file : files) {
      aliases.add(alias(CatalogFiles.read(file), pack, file.toString()));
    }
    return List.copyOf(aliases);
  }

  /**
   * Reads one alias YAML file. Its pack is its own {@code pack} key, else that of the pack
   * directory around {@code aliases/}, else the name of the directory holding the file.
   */
  public static Alias readAliasFile(Path file) throws IOException {
    JsonNode node = CatalogFiles.read(file);
    if (node != null && node.hasNonNull("pack")) {
      return alias(node, null, file.toString());
    }
    Path parent = file.toAbsolutePath().getParent();
    Path packDirectory =
        parent.getFileName() != null
                && parent.getFileName().toString().equals("aliases")
                && parent.getParent() != null
            ? parent.getParent()
            : parent;
    return alias(node, packName(packDirectory), file.toString());
  }

  private static String packName(Path packDirectory) throws IOException {
    Path metadata = packDirectory.resolve("pack.yaml");
    if (Files.isRegularFile(metadata)) {
      JsonNode pack = CatalogFiles.read(metadata);
      for (String key : List.of("ref", "name")) {
        if (pack != null && pack.hasNonNull(key)) {
          return pack.get(key).asText();
        }
      }
    }
    return packDirectory.toAbsolutePath().normalize().getFileName().toString();
  }

  private static Alias alias(JsonNode node, String packOverride, String where) throws IOException {
    if (node == null || !node.isObject()) {
      throw new AliasCatalogException(where + ": expected an action alias object");
    }
    String name = required(node, "name", where);
    String pack = packOverride != null ? packOverride : required(node, "pack", where);
    String ref = packOverride == null && node.hasNonNull("ref") ? node.get("ref").asText() : null;
    List<AliasFormatSpec> formats = new ArrayList<>();
    JsonNode formatList = node.path("formats");
    if (!formatList.isMissingNode() && !formatList.isNull()) {
      if (!formatList.isArray()) {
        throw new AliasCatalogException(where + ": formats must be a list");
      }
      for (JsonNode format : formatList) {
        formats.add(format(format, where));
      }
    }
    return new Alias(
        ref,
        pack,
        name,
        text(node, "description"),
        CatalogFiles.bool(node.get("enabled"), true, where + ".enabled"),
        text(node, "action_ref"),
        formats,
        object(node, "ack", where),
        object(node, "result", where),
        object(node, "extra", where),
        null);
  }

  /** st2's {@code normalise_alias_format_string}: a string, or {display, representation}. */
  private static AliasFormatSpec format(JsonNode format, String where) throws IOException {
    if (format.isTextual()) {
      return AliasFormatSpec.of(format.asText());
    }
    if (!format.isObject()) {
      // st2 raises TypeError: "alias_format ... is neither a dictionary or string type."
      throw new AliasCatalogException(
          where + ": a format is neither a string nor an object: " + format);
    }
    JsonNode representation = format.path("representation");
    List<String> representations = new ArrayList<>();
    if (representation.isTextual()) {
      representations.add(representation.asText());
    } else if (representation.isArray()) {
      for (JsonNode r : representation) {
        if (!r.isTextual()) {
          throw new AliasCatalogException(where + ": a representation is not a string: " + r);
        }
        representations.add(r.asText());
      }
    }
    // The pass-2 query is formats.match_multiple == true; any other value stays in pass 1.
    boolean matchMultiple =
        format.path("match_multiple").isBoolean() && format.get("match_multiple").booleanValue();
    return new AliasFormatSpec(text(format, "display"), representations, matchMultiple);
  }

  private static String required(JsonNode node, String key, String where)
      throws AliasCatalogException {
    String value = text(node, key);
    if (value == null) {
      throw new AliasCatalogException(where + ": missing '" + key + "'");
    }
    return value;
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Map<String, Object> object(JsonNode node, String key, String where)
      throws AliasCatalogException {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new AliasCatalogException(where + ": '" + key + "' must be an object");
    }
    return CatalogFiles.JSON.convertValue(value, OBJECT);
  }
}
