package switchboard.launcher.admin;

import java.util.ArrayList;
import java.util.List;

/** A plain text table for a terminal: a header, rows, columns padded to their widest cell. */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; a null cell prints as "-". */
  public TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row needs " + header.size() + " cells, not " + cells.length);
    }
    List<String> row = new ArrayList<>();
    for (String cell : cells) {
      row.add(cell == null || cell.isEmpty() ? "-" : cell.replace('\n', ' '));
    }
    rows.add(row);
    return this;
  }

  /** The table, one line per row, each line ending with a line separator. */
  public String render() {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
