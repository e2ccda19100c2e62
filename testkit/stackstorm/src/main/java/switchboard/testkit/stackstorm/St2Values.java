package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** How st2 writes ids, timestamps and Python values; shared by the double's parts. */
final class St2Values {

  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** {@code isotime.format(dt, offset=False)}: microseconds and a literal Z. */
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong COUNTER = new AtomicLong(RANDOM.nextInt(0xFFFFFF));
  private static final String PROCESS = HexFormat.of().formatHex(randomBytes(5));

  private St2Values() {}

  /** A fresh 24-hex-digit id shaped like Mongo's ObjectId, which st2 uses for every record. */
  static String objectId() {
    long seconds = Instant.now().getEpochSecond();
    long counter = COUNTER.incrementAndGet() & 0xFFFFFF;
    return String.format("%08x", seconds) + PROCESS + String.format("%06x", counter);
  }

  /** A token value as st2auth makes it: {@code uuid.uuid4().hex}. */
  static String tokenValue() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  static String timestamp(Instant instant) {
    return ISO.format(instant);
  }

  static Instant parseTimestamp(String text) {
    // st2 accepts "T" or a space, and "Z", "+00", "+0000" or "+00:00" (openapi timestamp pattern).
    String normalised = text.replace(' ', 'T').replaceFirst("(Z|\\+00|\\+0000|\\+00:00)$", "Z");
    return Instant.parse(normalised);
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Python's truthiness of a JSON value, as Jinja's {@code if} and st2's selectattr see it. */
  static boolean truthy(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0;
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    return value.size() > 0;
  }

  /** Python's {@code str()} of a JSON value: {@code True}, {@code None}, {@code {'a': 1}}. */
  static String pythonStr(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    return pythonRepr(value);
  }

  /** Python's {@code repr()} of a JSON value: {@code 'text'}, {@code True}, {@code None}. */
  static String pythonRepr(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "None";
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "True" : "False";
    }
    if (value.isTextual()) {
      return "'" + value.textValue().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < value.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(pythonRepr(value.get(i)));
      }
      return out.append(']').toString();
    }
    if (value.isObject()) {
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        out.append(first ? "" : ", ")
            .append(pythonRepr(NODES.textNode(field.getKey())))
            .append(": ")
            .append(pythonRepr(field.getValue()));
        first = false;
      }
      return out.append('}').toString();
    }
    return value.asText();
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
