package switchboard.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client for the Confluent-compatible REST API that Confluent Schema Registry, Apicurio
 * (ccompat), Karapace and Redpanda serve. Hand-written because Confluent's own client is not on
 * Maven Central; it uses only the four calls below.
 */
public final class ConfluentRegistryClient implements SchemaRegistry {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int SCHEMA_NOT_FOUND = 40403;

  private final URI baseUrl;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();

  /**
   * @param baseUrl registry root, e.g. {@code http://registry:8081}
   * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null
   */
  public ConfluentRegistryClient(URI baseUrl, String basicAuthUserInfo) {
    String root = baseUrl.toString();
    this.baseUrl = URI.create(root.endsWith("/") ? root : root + "/");
    this.authorization =
        Optional.ofNullable(basicAuthUserInfo)
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public int register(String subject, Schema schema) {
    return idBySubjectAndSchema.computeIfAbsent(
        subject + "\n" + schema, key -> lookupOrRegister(subject, schema));
  }

  private int lookupOrRegister(String subject, Schema schema) {
    String body = schemaBody(schema);
    String subjectPath = "subjects/" + encode(subject);
    Reply existing = post(subjectPath, body);
    if (existing.status() == 200) {
      return remember(existing.body().path("id").asInt(), schema);
    }
    if (!existing.isNotFound()) {
      throw existing.failure("looking up schema under " + subject);
    }
    Reply verdict = post("compatibility/" + subjectPath + "/versions/latest", body);
    if (verdict.status() == 200 && !verdict.body().path("is_compatible").asBoolean()) {
      throw new IncompatibleSchemaException(
          "registry " + baseUrl + " rejects the schema for " + subject + ": " + verdict.body());
    }
    if (verdict.status() != 200 && !verdict.isNotFound()) {
      throw verdict.failure("checking compatibility of " + subject);
    }
    Reply created = post(subjectPath + "/versions", body);
    if (created.status() == 409) {
      throw new IncompatibleSchemaException(
          "registry " + baseUrl + " rejects the schema for " + subject + ": " + created.body());
    }
    if (created.status() != 200) {
      throw created.failure("registering schema under " + subject);
    }
    return remember(created.body().path("id").asInt(), schema);
  }

  private int remember(int id, Schema schema) {
    byId.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema known = byId.get(id);
    if (known != null) {
      return known;
    }
    Reply reply = send(HttpRequest.newBuilder(baseUrl.resolve("schemas/ids/" + id)).GET());
    if (reply.isNotFound()) {
      throw new UnknownSchemaException(id);
    }
    if (reply.status() != 200) {
      throw reply.failure("fetching schema " + id);
    }
    Schema schema = new Schema.Parser().parse(reply.body().path("schema").asText());
    return byId.computeIfAbsent(id, ignored -> schema);
  }

  private String schemaBody(Schema schema) {
    return json.createObjectNode().put("schema", schema.toString()).toString();
  }

  private Reply post(String path, String body) {
    return send(
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Reply send(HttpRequest.Builder request) {
    request.header("Accept", CONTENT_TYPE).timeout(Duration.ofSeconds(30));
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode node = text == null || text.isBlank() ? json.nullNode() : json.readTree(text);
      return new Reply(response.statusCode(), node);
    } catch (IOException e) {
      throw new SchemaRegistryException("schema registry " + baseUrl + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while calling " + baseUrl, e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  private record Reply(int status, JsonNode body) {
    boolean isNotFound() {
      int code = body.path("error_code").asInt();
      return status == 404 && (code == SUBJECT_NOT_FOUND || code == SCHEMA_NOT_FOUND || code == 0);
    }

    SchemaRegistryException failure(String what) {
      return new SchemaRegistryException(
          what + " failed: HTTP " + status + " " + body.path("message").asText(body.toString()));
    }
  }
}
