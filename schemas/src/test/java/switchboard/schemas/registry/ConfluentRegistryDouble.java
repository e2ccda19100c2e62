package switchboard.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The subset of the Confluent Schema Registry REST API that {@link ConfluentRegistryClient} uses,
 * with its documented status codes and error codes (40401 subject not found, 40403 schema not
 * found, 409 incompatible) and its default BACKWARD compatibility.
 */
final class ConfluentRegistryDouble implements AutoCloseable {

  private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
  private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
  private static final Pattern COMPATIBILITY =
      Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");
  private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Map<Integer, Schema> byId = new LinkedHashMap<>();
  private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final String expectedAuthorization;

  ConfluentRegistryDouble(String expectedAuthorization) throws IOException {
    this.expectedAuthorization = expectedAuthorization;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int requests() {
    return requests.get();
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (expectedAuthorization != null
          && !expectedAuthorization.equals(
              exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, error(40101, "Unauthorized"));
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      Matcher m;
      if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
        Schema schema = byId.get(Integer.parseInt(m.group(1)));
        send(
            exchange,
            schema == null ? 404 : 200,
            schema == null
                ? error(40403, "Schema not found")
                : json.createObjectNode().put("schema", schema.toString()));
      } else if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
        List<Integer> versions = subjects.get(decode(m.group(1)));
        if (versions == null) {
          send(exchange, 404, error(40401, "Subject not found"));
        } else {
          boolean ok =
              backwardCompatible(body(exchange), byId.get(versions.get(versions.size() - 1)));
          send(exchange, 200, json.createObjectNode().put("is_compatible", ok));
        }
      } else if (method.equals("POST") && (m = VERSIONS.matcher(path)).matches()) {
        register(exchange, decode(m.group(1)));
      } else if (method.equals("POST") && (m = LOOKUP.matcher(path)).matches()) {
        lookup(exchange, decode(m.group(1)));
      } else {
        send(exchange, 404, error(404, "HTTP 404 Not Found"));
      }
    }
  }

  private void lookup(HttpExchange exchange, String subject) throws IOException {
    List<Integer> versions = subjects.get(subject);
    if (versions == null) {
      send(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
      return;
    }
    Schema schema = body(exchange);
    for (int i = 0; i < versions.size(); i++) {
      if (byId.get(versions.get(i)).equals(schema)) {
        send(
            exchange,
            200,
            json.createObjectNode()
                .put("subject", subject)
                .put("id", versions.get(i))
                .put("version", i + 1)
                .put("schema", schema.toString()));
        return;
      }
    }
    send(exchange, 404, error(40403, "Schema not found"));
  }

  private void register(HttpExchange exchange, String subject) throws IOException {
    Schema schema = body(exchange);
    List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.isEmpty()
        && !backwardCompatible(schema, byId.get(versions.get(versions.size() - 1)))) {
      send(
          exchange,
          409,
          error(409, "Schema being registered is incompatible with an earlier schema"));
      return;
    }
    int id =
        byId.entrySet().stream()
            .filter(e -> e.getValue().equals(schema))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseGet(
                () -> {
                  int next = byId.size() + 1;
                  byId.put(next, schema);
                  return next;
                });
    if (!versions.contains(id)) {
      versions.add(id);
    }
    send(exchange, 200, json.createObjectNode().put("id", id));
  }

  private static boolean backwardCompatible(Schema reader, Schema writer) {
    return org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }

  private Schema body(HttpExchange exchange) throws IOException {
    JsonNode node = json.readTree(exchange.getRequestBody());
    return new Schema.Parser().parse(node.path("schema").asText());
  }

  private ObjectNode error(int code, String message) {
    return json.createObjectNode().put("error_code", code).put("message", message);
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
