package switchboard.dispatcher.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * StackStorm's answer to {@code GET /api/v1/actionalias/help} (contract §3.3).
 *
 * @param available how many help strings passed the filters, including those outside the page (the
 *     key st2 sends is {@code available}; its openapi misspells it)
 * @param entries the page, never null
 */
public record AliasHelpListing(int available, List<Entry> entries) {

  /** One help string; description may be null. */
  public record Entry(String pack, String display, String description) {}

  public AliasHelpListing {
    entries = List.copyOf(entries);
  }

  static AliasHelpListing from(JsonNode json) {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode entry : json.path("helpstrings")) {
      entries.add(
          new Entry(
              entry.path("pack").asText(),
              entry.path("display").asText(),
              entry.path("description").isTextual() ? entry.get("description").asText() : null));
    }
    return new AliasHelpListing(json.path("available").asInt(), entries);
  }
}
