package switchboard.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grammar, matching, addressing, help, policy and identity packages stay pure (style §2): no
 * Kafka, no network, no files, no Jackson. They are tested without any of those, and the Streams
 * topology calls them from one-line lambdas. Only {@code catalog} reads files, and {@code document}
 * parses YAML and CSV text.
 */
class PurePackagesTest {

  private static final List<String> FORBIDDEN =
      List.of(
          "import org.apache.kafka",
          "import com.fasterxml",
          "import java.io",
          "import java.nio",
          "import java.net");

  @ParameterizedTest
  @ValueSource(strings = {"grammar", "match", "addressing", "help", "policy", "identity"})
  void shouldKeepPurePackagesFreeOfIo(String pkg) throws IOException {
    Path dir = Path.of("src/main/java/switchboard/matcher", pkg);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        assertThat(FORBIDDEN)
            .as("%s must stay pure: move I/O to switchboard.matcher.catalog or the topology", file)
            .noneMatch(source::contains);
      }
    }
  }
}
