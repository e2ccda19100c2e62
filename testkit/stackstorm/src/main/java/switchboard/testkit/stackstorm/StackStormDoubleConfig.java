package switchboard.testkit.stackstorm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to start a {@link StackStormDouble}. Build one with {@link StackStormDouble#builder()}.
 *
 * @param host the address to bind; {@code 127.0.0.1} unless told otherwise
 * @param port the port to bind; 0 picks a free one
 * @param passwords st2 user name to password, for {@code POST /auth/v1/tokens}
 * @param apiKeys API key to the st2 user that owns it
 * @param aliases action aliases in st2's JSON shape (the {@code GET /api/v1/actionalias} answer, or
 *     records of the exchange data set: extra keys are dropped)
 * @param actions simulated actions beyond the built-in and alias-implied ones
 * @param executionDelay how long an execution takes from {@code requested} to its outcome
 * @param heartbeat the stream's heartbeat interval (st2's {@code [stream] heartbeat}, default 25 s)
 * @param tokenTtl default and maximum token lifetime (st2's {@code [auth] token_ttl}, default 1
 *     day)
 * @param webUiBaseUrl base of {@code execution.web_url}; null means the double's own URL
 * @param sslContext serve HTTPS with this context; null serves plain HTTP
 * @param executionHistory how many finished executions, and how many request ids' execution counts,
 *     the double remembers; older ones are forgotten (executions in flight never are). At least 1.
 * @param requestLog how many of the latest requests {@link StackStormDouble#requests()} keeps; 0
 *     records none. Recording copies every request's headers and body: a load test wants 0.
 */
public record StackStormDoubleConfig(
    String host,
    int port,
    Map<String, String> passwords,
    Map<String, String> apiKeys,
    List<JsonNode> aliases,
    List<ActionSpec> actions,
    Duration executionDelay,
    Duration heartbeat,
    Duration tokenTtl,
    String webUiBaseUrl,
    SSLContext sslContext,
    int executionHistory,
    int requestLog) {

  /**
   * The default {@link #executionHistory()}: far more than a test makes, and at most about 60 MB of
   * finished executions (some 6 KB each) in a long benchmark.
   */
  public static final int DEFAULT_EXECUTION_HISTORY = 10_000;

  /** The default {@link #requestLog()}. */
  public static final int DEFAULT_REQUEST_LOG = 10_000;

  public StackStormDoubleConfig {
    Objects.requireNonNull(host, "host");
    passwords = Map.copyOf(passwords);
    apiKeys = Map.copyOf(apiKeys);
    List<JsonNode> copies = new ArrayList<>();
    aliases.forEach(a -> copies.add(a.deepCopy()));
    aliases = List.copyOf(copies);
    actions = List.copyOf(actions);
    Objects.requireNonNull(executionDelay, "executionDelay");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    if (executionHistory < 1) {
      throw new IllegalArgumentException(
          "executionHistory must be at least 1: " + executionHistory);
    }
    if (requestLog < 0) {
      throw new IllegalArgumentException("requestLog must not be negative: " + requestLog);
    }
  }

  /** Starts a double with this configuration. */
  public StackStormDouble start() throws IOException {
    return StackStormDouble.start(this);
  }

  /** Passwords and API keys stay out of logs, even a test double's. */
  @Override
  public String toString() {
    return "StackStormDoubleConfig[host="
        + host
        + ", port="
        + port
        + ", users="
        + passwords.keySet()
        + ", apiKeys="
        + apiKeys.size()
        + ", aliases="
        + aliases.size()
        + ", actions="
        + actions.size()
        + ", executionDelay="
        + executionDelay
        + ", heartbeat="
        + heartbeat
        + ", tokenTtl="
        + tokenTtl
        + ", https="
        + (sslContext != null)
        + ", executionHistory="
        + executionHistory
        + ", requestLog="
        + requestLog
        + "]";
  }

  /** A fluent way to a config; every setting has a default. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private final List<JsonNode> aliases = new ArrayList<>();
    private final List<ActionSpec> actions = new ArrayList<>();
    private Duration executionDelay = Duration.ofMillis(200);
    private Duration heartbeat = Duration.ofSeconds(25);
    private Duration tokenTtl = Duration.ofDays(1);
    private String webUiBaseUrl;
    private SSLContext sslContext;
    private int executionHistory = DEFAULT_EXECUTION_HISTORY;
    private int requestLog = DEFAULT_REQUEST_LOG;

    Builder() {}

    public Builder host(String value) {
      this.host = value;
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** A user who may exchange a password for a token. */
    public Builder user(String name, String password) {
      passwords.put(name, password);
      return this;
    }

    /** An API key owned by {@code st2admin}, st2's default administrator. */
    public Builder apiKey(String key) {
      return apiKey(key, "st2admin");
    }

    public Builder apiKey(String key, String owner) {
      apiKeys.put(key, owner);
      return this;
    }

    public Builder aliases(List<? extends JsonNode> values) {
      aliases.addAll(values);
      return this;
    }

    public Builder alias(JsonNode value) {
      aliases.add(value);
      return this;
    }

    public Builder action(ActionSpec spec) {
      actions.add(spec);
      return this;
    }

    public Builder executionDelay(Duration value) {
      this.executionDelay = value;
      return this;
    }

    public Builder heartbeat(Duration value) {
      this.heartbeat = value;
      return this;
    }

    public Builder tokenTtl(Duration value) {
      this.tokenTtl = value;
      return this;
    }

    public Builder webUiBaseUrl(String value) {
      this.webUiBaseUrl = value;
      return this;
    }

    public Builder https(SSLContext value) {
      this.sslContext = value;
      return this;
    }

    /** See {@link StackStormDoubleConfig#executionHistory()}. */
    public Builder executionHistory(int value) {
      this.executionHistory = value;
      return this;
    }

    /** See {@link StackStormDoubleConfig#requestLog()}; 0 turns recording off. */
    public Builder requestLog(int value) {
      this.requestLog = value;
      return this;
    }

    public StackStormDoubleConfig build() {
      return new StackStormDoubleConfig(
          host,
          port,
          passwords,
          apiKeys,
          aliases,
          actions,
          executionDelay,
          heartbeat,
          tokenTtl,
          webUiBaseUrl,
          sslContext,
          executionHistory,
          requestLog);
    }
  }
}
