package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A handful of real, Apache-2.0 StackStorm aliases for the sandbox and for tests that want
 * realistic ones: {@code examples.remote_shell_cmd} ({@code run {{cmd}} on {{hosts}}}), {@code
 * hello_st2.greet}, {@code packs.pack_get}, {@code networking_utils.ping}, and three of the {@code
 * st2} pack's. Provenance per record ({@code source}, {@code license}) is in {@code
 * sample-aliases.json}; see {@code sample-aliases.md} beside it.
 */
public final class SampleAliases {

  private static final String RESOURCE = "sample-aliases.json";

  private SampleAliases() {}

  /** The sample aliases in st2's JSON shape, with their provenance keys; a fresh copy each call. */
  public static List<JsonNode> load() {
    try (InputStream in = SampleAliases.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      List<JsonNode> aliases = new ArrayList<>();
      St2Values.JSON.readTree(in).forEach(aliases::add);
      return List.copyOf(aliases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
