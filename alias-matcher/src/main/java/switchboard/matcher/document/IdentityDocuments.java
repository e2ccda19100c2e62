package switchboard.matcher.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import switchboard.matcher.identity.ChatIdentity;
import switchboard.records.IdentityLink;

/**
 * Reads identity link files for {@code switchboard identity import}: thousands of chat users linked
 * to StackStorm users at once. Every row is checked before anything is written, and every problem
 * names its line.
 *
 * <p>CSV, with a header; {@code workspace} and {@code groups} may be empty, groups are separated by
 * {@code ;}:
 *
 * <pre>
 * provider,workspace,user,st2_user,groups
 * slack,T024BE7LD,U024BE7LH,alice,ops;dev
 * </pre>
 *
 * YAML, a list:
 *
 * <pre>
 * - {provider: slack, workspace: T024BE7LD, user: U024BE7LH, st2_user: alice, groups: [ops, dev]}
 * </pre>
 *
 * {@code user} is the provider's immutable user id (chat-providers.md §0), never a display name.
 */
public final class IdentityDocuments {

  private static final String PROVIDER = "provider";
  private static final String WORKSPACE = "workspace";
  private static final String USER = "user";
  private static final String ST2_USER = "st2_user";
  private static final String GROUPS = "groups";
  private static final Set<String> KEYS = Set.of(PROVIDER, WORKSPACE, USER, ST2_USER, GROUPS);
  private static final List<String> REQUIRED = List.of(PROVIDER, USER, ST2_USER);

  private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");

  private static final CsvMapper CSV = new CsvMapper();

  private IdentityDocuments() {}

  /** One row, as read, before it is checked. */
  private record Row(
      int line,
      int column,
      String path,
      String provider,
      String workspace,
      String user,
      String st2User,
      List<String> groups) {}

  /**
   * The links of a CSV file.
   *
   * @param linkedBy recorded on every link, e.g. {@code import:users.csv}
   * @throws DocumentException listing every problem, when any
   */
  public static List<IdentityLink> parseCsv(String text, String linkedBy, Instant linkedAt)
      throws DocumentException {
    DocumentChecker check = new DocumentChecker();
    List<Row> rows = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
    try (JsonParser parser =
        CSV.readerFor(Map.class)
            .with(schema)
            .with(CsvParser.Feature.SKIP_EMPTY_LINES)
            .with(CsvParser.Feature.TRIM_SPACES)
            .createParser(text)) {
      boolean headerChecked = false;
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        // The row's line is its first cell's: the object starts where the previous row ended.
        int line = 0;
        Map<String, String> cells = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          line = line == 0 ? parser.currentTokenLocation().getLineNr() : line;
          String column = parser.currentName();
          parser.nextToken();
          cells.put(column, parser.getValueAsString());
        }
        if (!headerChecked) {
          headerChecked = true;
          if (!header(((CsvParser) parser).getSchema().getColumnNames(), check)) {
            break;
          }
        }
        rows.add(
            new Row(
                line,
                1,
                "row " + line,
                cells.get(PROVIDER),
                cells.getOrDefault(WORKSPACE, ""),
                cells.get(USER),
                cells.get(ST2_USER),
                groupsOf(cells.get(GROUPS))));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      check.problem(
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "",
          e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return links(rows, check, linkedBy, linkedAt);
  }

  private static boolean header(List<String> columns, DocumentChecker check) {
    int before = check.problemCount();
    for (String column : columns) {
      if (!KEYS.contains(column)) {
        check.problem(
            1,
            1,
            "header",
            "unknown column '" + column + "'; expected " + DocumentChecker.sorted(KEYS));
      }
    }
    for (String column : REQUIRED) {
      if (!columns.contains(column)) {
        check.problem(1, 1, "header", "the column '" + column + "' is missing");
      }
    }
    return check.problemCount() == before;
  }

  private static List<String> groupsOf(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    return Arrays.stream(cell.split(";")).map(String::strip).filter(g -> !g.isEmpty()).toList();
  }

  /**
   * The links of a YAML file.
   *
   * @param linkedBy recorded on every link, e.g. {@code import:users.yaml}
   * @throws DocumentException listing every problem, when any
   */
  public static List<IdentityLink> parseYaml(String text, String linkedBy, Instant linkedAt)
      throws DocumentException {
    DocumentChecker check = new DocumentChecker();
    List<YamlNode> documents = YamlNode.readAll(text, check);
    List<Row> rows = new ArrayList<>();
    if (documents.size() != 1 || !documents.get(0).isList()) {
      check.problem(1, 1, "", "must be one list of links");
      check.throwIfAny();
    }
    List<YamlNode> items = documents.get(0).list();
    for (int i = 0; i < items.size(); i++) {
      String path = "[" + i + "]";
      YamlNode item = items.get(i);
      Optional<Map<String, YamlNode>> fields = check.mapping(item, path, KEYS);
      if (fields.isEmpty()) {
        continue;
      }
      int before = check.problemCount();
      Map<String, YamlNode> f = fields.get();
      YamlNode workspace = f.get(WORKSPACE);
      Row row =
          new Row(
              item.line(),
              item.column(),
              path,
              text(check, f, PROVIDER, path),
              workspace == null || workspace.value() == null ? "" : workspace.text(),
              text(check, f, USER, path),
              text(check, f, ST2_USER, path),
              check.strings(f.get(GROUPS), path + "." + GROUPS, null, null));
      if (check.problemCount() == before) {
        rows.add(row);
      }
    }
    return links(rows, check, linkedBy, linkedAt);
  }

  /** The value under {@code key}: null when absent (the row check says it is required). */
  private static String text(
      DocumentChecker check, Map<String, YamlNode> fields, String key, String path) {
    YamlNode node = fields.get(key);
    if (node == null || node.value() == null) {
      return null;
    }
    return check.scalar(node, path + "." + key).orElse(null);
  }

  /**
   * One link given on the command line, checked like a row of a file.
   *
   * @throws DocumentException naming every field that is wrong
   */
  public static IdentityLink link(
      String provider,
      String workspace,
      String user,
      String stackstormUser,
      List<String> groups,
      String linkedBy,
      Instant linkedAt)
      throws DocumentException {
    Row row =
        new Row(
            0, 0, "", provider, workspace == null ? "" : workspace, user, stackstormUser, groups);
    return links(List.of(row), new DocumentChecker(), linkedBy, linkedAt).get(0);
  }

  /** Checks every row, and the file as a whole (a chat user linked twice), then builds links. */
  private static List<IdentityLink> links(
      List<Row> rows, DocumentChecker check, String linkedBy, Instant linkedAt)
      throws DocumentException {
    List<IdentityLink> links = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (Row row : rows) {
      int before = check.problemCount();
      require(check, row, PROVIDER, row.provider(), PROVIDER_ID, "a provider id such as slack");
      require(check, row, USER, row.user(), NO_SPACE, "an immutable chat user id");
      require(check, row, ST2_USER, row.st2User(), NO_SPACE, "a StackStorm user name");
      row.groups().stream()
          .filter(g -> !NO_SPACE.matcher(g).matches())
          .forEach(
              g ->
                  check.problem(
                      row.line(), row.column(), row.path(), "group '" + g + "' has spaces"));
      if (check.problemCount() > before) {
        continue;
      }
      String key = new ChatIdentity(row.provider(), row.workspace(), row.user()).key();
      Integer earlier = firstLine.putIfAbsent(key, row.line());
      if (earlier != null) {
        check.problem(
            row.line(), row.column(), row.path(), key + " is already linked on line " + earlier);
        continue;
      }
      links.add(
          new IdentityLink(
              row.provider(),
              row.workspace(),
              row.user(),
              row.st2User(),
              row.groups(),
              linkedBy,
              linkedAt));
    }
    check.throwIfAny();
    return links;
  }

  private static void require(
      DocumentChecker check, Row row, String column, String value, Pattern shape, String what) {
    if (value == null || value.isBlank()) {
      check.problem(row.line(), row.column(), row.path(), column + " is required");
    } else if (!shape.matcher(value).matches()) {
      check.problem(
          row.line(), row.column(), row.path(), column + " '" + value + "' is not " + what);
    }
  }
}
