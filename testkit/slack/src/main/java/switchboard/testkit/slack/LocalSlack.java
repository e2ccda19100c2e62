package switchboard.testkit.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A protocol-faithful local Slack for one workspace and one app, built from Slack's published
 * contract (chat-providers.md §1): the Web API methods a connector uses on the JDK's HTTP server,
 * and Socket Mode ({@link #socketMode()}) on a WebSocket server, both on 127.0.0.1 and free ports.
 *
 * <p>Web API: {@code auth.test}, {@code apps.connections.open} (app token, in the header only),
 * {@code chat.postMessage}, {@code chat.postEphemeral}, {@code files.getUploadURLExternal}, the
 * upload URL it hands out, and {@code files.completeUploadExternal}. Answers have Slack's shapes:
 * HTTP 200 with {@code {"ok":true,...}} or {@code {"ok":false,"error":...}} ({@code not_authed},
 * {@code invalid_auth}, {@code not_allowed_token_type}, {@code channel_not_found}, {@code no_text},
 * {@code msg_too_long}, {@code invalid_blocks}, {@code too_many_attachments}, ...), and HTTP 429
 * with {@code Retry-After} when programmed to ({@link #rateLimitNextCalls}, {@link
 * #limitChannelRate}). Form and JSON bodies are both accepted; every call is recorded in order
 * ({@link #calls()}).
 *
 * <p>Point the Slack SDK here with {@code SlackConfig.setMethodsEndpointUrlPrefix(apiUrl())}.
 * Thread-safe.
 */
public final class LocalSlack implements AutoCloseable {

  /** Slack's hard limit on a message's {@code text} (chat-providers.md §1.3). */
  public static final int MAX_TEXT_CHARS = 40_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ATTACHMENTS = 100;

  private final String teamId;
  private final String appId;
  private final String botUserId;
  private final String botId;
  private final String botToken;
  private final String appToken;
  private final Set<String> channels;

  private final HttpServer http;
  private final ExecutorService httpThreads;
  private final LocalSocketMode socketMode;

  private final List<ApiCall> calls = new ArrayList<>();
  private final List<PostedMessage> messages = new ArrayList<>();
  private final List<UploadedFile> files = new ArrayList<>();
  private final Map<String, PendingUpload> uploadsByKey = new HashMap<>();
  private final Map<String, PendingUpload> uploadsById = new HashMap<>();
  private final Map<String, Programmed> rateLimitedMethods = new HashMap<>();
  private final Map<String, Programmed> failingMethods = new HashMap<>();
  private final Map<String, ChannelRate> channelRates = new HashMap<>();
  private long sequence;

  private LocalSlack(Builder builder) {
    this.teamId = builder.teamId;
    this.appId = builder.appId;
    this.botUserId = builder.botUserId;
    this.botId = builder.botId;
    this.botToken = builder.botToken;
    this.appToken = builder.appToken;
    this.channels = new LinkedHashSet<>(builder.channels);
    this.socketMode = new LocalSocketMode(appId);
    try {
      this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      socketMode.close();
      throw new UncheckedIOException(e);
    }
    http.createContext("/api/", this::api);
    http.createContext("/upload/", this::upload);
    httpThreads =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "local-slack-http");
              thread.setDaemon(true);
              return thread;
            });
    http.setExecutor(httpThreads);
    http.start();
  }

  /**
   * A local Slack with the ids of {@link SlackSamples}, tokens {@code xoxb-local}/{@code
   * xapp-local}.
   */
  public static LocalSlack start() {
    return builder().start();
  }

  /** Starts configuring a local Slack; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Web API base URL, ending in {@code /api/}, for {@code setMethodsEndpointUrlPrefix}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/";
  }

  public String teamId() {
    return teamId;
  }

  public String appId() {
    return appId;
  }

  public String botUserId() {
    return botUserId;
  }

  public String botId() {
    return botId;
  }

  public String botToken() {
    return botToken;
  }

  public String appToken() {
    return appToken;
  }

  /** The Socket Mode server the URLs from apps.connections.open lead to. */
  public LocalSocketMode socketMode() {
    return socketMode;
  }

  /** Every Web API call received, in order. */
  public synchronized List<ApiCall> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one method, in order. */
  public synchronized List<ApiCall> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Every message accepted, in order. */
  public synchronized List<PostedMessage> messages() {
    return List.copyOf(messages);
  }

  /** The messages accepted in one channel, in order. */
  public synchronized List<PostedMessage> messages(String channel) {
    return messages.stream().filter(m -> m.channel().equals(channel)).toList();
  }

  /** Every file shared with files.completeUploadExternal, in order. */
  public synchronized List<UploadedFile> files() {
    return List.copyOf(files);
  }

  /** Makes a conversation exist; posting elsewhere answers {@code channel_not_found}. */
  public synchronized void addChannel(String channelId) {
    channels.add(channelId);
  }

  /**
   * The next {@code count} calls of {@code method} get HTTP 429 with {@code Retry-After} (whole
   * seconds, rounded up) and {@code {"ok":false,"error":"ratelimited"}}.
   */
  public synchronized void rateLimitNextCalls(String method, int count, Duration retryAfter) {
    rateLimitedMethods.put(method, new Programmed(count, retryAfterSeconds(retryAfter)));
  }

  /**
   * A post to {@code channel} sooner than {@code minGap} after the previous accepted one gets HTTP
   * 429 with {@code Retry-After}, like chat.postMessage's per-channel limit of about one message
   * per second (chat-providers.md §1.3).
   */
  public synchronized void limitChannelRate(String channel, Duration minGap, Duration retryAfter) {
    channelRates.put(channel, new ChannelRate(minGap.toNanos(), retryAfterSeconds(retryAfter)));
  }

  /**
   * The next {@code count} authenticated calls of {@code method} answer {@code ok:false} with
   * {@code error}.
   */
  public synchronized void failNextCalls(String method, int count, String error) {
    failingMethods.put(method, new Programmed(count, error));
  }

  /** Stops both servers. */
  @Override
  public void close() {
    http.stop(0);
    httpThreads.shutdownNow();
    socketMode.close();
  }

  // ---------------------------------------------------------------- Web API

  private void api(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      WebApiRequest request = WebApiRequest.read(exchange, body);
      Answer answer;
      synchronized (this) {
        try {
          answer = answer(method, request);
        } catch (RuntimeException e) {
          // Slack's answer to its own trouble; a dropped connection would make OkHttp retry
          // silently and hide the bug.
          answer = new Answer(500, failure("internal_error"), Map.of());
        }
        calls.add(
            new ApiCall(
                method,
                kindOf(request.token()),
                request.tokenInHeader(),
                request.contentType(),
                request.params(),
                answer.status,
                answer.body.path("ok").asBoolean() ? null : answer.body.path("error").asText()));
      }
      answer.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      respond(exchange, answer.status, "application/json; charset=utf-8", answer.body.toString());
    }
  }

  private Answer answer(String method, WebApiRequest request) {
    Programmed limited = rateLimitedMethods.get(method);
    if (limited != null && limited.take()) {
      return rateLimited(limited.value);
    }
    if (request.invalidJson()) {
      return error("invalid_json");
    }
    if ("apps.connections.open".equals(method)) {
      return connectionsOpen(request);
    }
    Answer denied = requireBotToken(request);
    if (denied != null) {
      return denied;
    }
    Programmed failing = failingMethods.get(method);
    if (failing != null && failing.take()) {
      return error((String) failing.value);
    }
    try {
      return switch (method) {
        case "auth.test" -> authTest();
        case "chat.postMessage" -> post(request, false);
        case "chat.postEphemeral" -> post(request, true);
        case "files.getUploadURLExternal" -> uploadUrl(request);
        case "files.completeUploadExternal" -> completeUpload(request);
        default -> new Answer(404, failure("unknown_method"), Map.of());
      };
    } catch (JsonProcessingException e) {
      return error("invalid_arguments");
    }
  }

  private Answer connectionsOpen(WebApiRequest request) {
    // The app token must come in the Authorization header (chat-providers.md §1.1, step 2).
    if (request.token() == null || !request.tokenInHeader()) {
      return error("not_authed");
    }
    TokenKind kind = kindOf(request.token());
    if (kind == TokenKind.BOT) {
      return error("not_allowed_token_type");
    }
    if (kind != TokenKind.APP) {
      return error("invalid_auth");
    }
    ObjectNode body = success();
    body.put("url", socketMode.issueUrl());
    return ok(body);
  }

  private Answer requireBotToken(WebApiRequest request) {
    return switch (kindOf(request.token())) {
      case BOT -> null;
      case NONE -> error("not_authed");
      case APP -> error("not_allowed_token_type");
      case UNKNOWN -> error("invalid_auth");
    };
  }

  private Answer authTest() {
    ObjectNode body = success();
    body.put("url", "https://local-slack.test/");
    body.put("team", "Switchboard Test");
    body.put("user", "switchboard");
    body.put("team_id", teamId);
    body.put("user_id", botUserId);
    body.put("bot_id", botId);
    body.put("is_enterprise_install", false);
    return ok(body);
  }

  private Answer post(WebApiRequest request, boolean ephemeral) throws JsonProcessingException {
    String channel = request.text("channel");
    if (channel == null || !channels.contains(channel)) {
      return error("channel_not_found");
    }
    String user = request.text("user");
    if (ephemeral && (user == null || user.isEmpty())) {
      return error("user_not_in_channel");
    }
    String text = request.text("text");
    JsonNode blocks;
    try {
      blocks = request.structured("blocks");
    } catch (JsonProcessingException e) {
      return error("invalid_blocks_format");
    }
    JsonNode attachments;
    try {
      attachments = request.structured("attachments");
    } catch (JsonProcessingException e) {
      return error("invalid_attachments");
    }
    if ((text == null || text.isEmpty()) && blocks == null && attachments == null) {
      return error("no_text");
    }
    if (text != null && text.length() > MAX_TEXT_CHARS) {
      return error("msg_too_long");
    }
    List<String> violations = new ArrayList<>();
    if (blocks != null) {
      violations.addAll(BlockKitRules.violations(blocks, "/blocks"));
    }
    if (attachments != null) {
      if (!attachments.isArray()) {
        return error("invalid_attachments");
      }
      if (attachments.size() > MAX_ATTACHMENTS) {
        return error("too_many_attachments");
      }
      for (int i = 0; i < attachments.size(); i++) {
        JsonNode nested = attachments.get(i).get("blocks");
        if (nested != null) {
          violations.addAll(BlockKitRules.violations(nested, "/attachments/" + i + "/blocks"));
        }
      }
    }
    if (!violations.isEmpty()) {
      ObjectNode body = failure("invalid_blocks");
      ArrayNode list = body.putObject("response_metadata").putArray("messages");
      violations.forEach(list::add);
      return ok(body);
    }
    ChannelRate rate = channelRates.get(channel);
    long now = System.nanoTime();
    if (rate != null) {
      if (rate.lastPost != null && now - rate.lastPost < rate.minGapNanos) {
        return rateLimited(rate.retryAfterSeconds);
      }
      rate.lastPost = now;
    }

    String ts = nextTs();
    String threadTs = request.text("thread_ts");
    messages.add(
        new PostedMessage(
            channel,
            ts,
            threadTs,
            ephemeral ? user : null,
            text,
            blocks,
            attachments,
            request.params()));
    ObjectNode body = success();
    if (ephemeral) {
      body.put("message_ts", ts);
      return ok(body);
    }
    body.put("channel", channel);
    body.put("ts", ts);
    ObjectNode message = body.putObject("message");
    message.put("type", "message");
    message.put("user", botUserId);
    message.put("bot_id", botId);
    message.put("app_id", appId);
    message.put("team", teamId);
    message.put("text", text == null ? "" : text);
    message.put("ts", ts);
    if (threadTs != null) {
      message.put("thread_ts", threadTs);
    }
    if (blocks != null) {
      message.set("blocks", blocks);
    }
    if (attachments != null) {
      message.set("attachments", attachments);
    }
    return ok(body);
  }

  private Answer uploadUrl(WebApiRequest request) {
    String filename = request.text("filename");
    String length = request.text("length");
    if (filename == null || filename.isEmpty() || length == null || !length.matches("\\d+")) {
      return error("invalid_arguments");
    }
    String fileId = "F" + String.format(Locale.ROOT, "%010d", ++sequence);
    String key = UUID.randomUUID().toString();
    PendingUpload upload = new PendingUpload(fileId, filename, Long.parseLong(length));
    uploadsByKey.put(key, upload);
    uploadsById.put(fileId, upload);
    ObjectNode body = success();
    body.put("upload_url", "http://127.0.0.1:" + http.getAddress().getPort() + "/upload/v1/" + key);
    body.put("file_id", fileId);
    return ok(body);
  }

  private Answer completeUpload(WebApiRequest request) throws JsonProcessingException {
    JsonNode list = request.structured("files");
    if (list == null || !list.isArray() || list.isEmpty()) {
      return error("invalid_arguments");
    }
    String channel = request.text("channel_id");
    if (channel != null && !channels.contains(channel)) {
      return error("channel_not_found");
    }
    List<PendingUpload> completed = new ArrayList<>();
    for (JsonNode entry : list) {
      PendingUpload upload = uploadsById.get(entry.path("id").asText());
      if (upload == null || upload.content == null) {
        return error("file_not_found");
      }
      if (upload.content.length != upload.length) {
        return error("file_upload_size_mismatch");
      }
      upload.title = entry.path("title").asText(upload.filename);
      completed.add(upload);
    }
    ObjectNode body = success();
    ArrayNode shared = body.putArray("files");
    for (PendingUpload upload : completed) {
      uploadsById.remove(upload.fileId);
      files.add(
          new UploadedFile(
              upload.fileId,
              upload.filename,
              upload.title,
              upload.content,
              channel,
              request.text("thread_ts"),
              request.text("initial_comment")));
      ObjectNode file = shared.addObject();
      file.put("id", upload.fileId);
      file.put("name", upload.filename);
      file.put("title", upload.title);
      file.put("size", upload.content.length);
    }
    return ok(body);
  }

  private void upload(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String key = exchange.getRequestURI().getPath().substring("/upload/v1/".length());
      PendingUpload upload;
      synchronized (this) {
        upload = uploadsByKey.remove(key);
        if (upload != null) {
          upload.content =
              MultipartFile.content(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        }
      }
      if (upload == null || !"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 404, "text/plain", "not found");
        return;
      }
      respond(exchange, 200, "text/plain", "OK - " + upload.content.length);
    }
  }

  // ---------------------------------------------------------------- helpers

  private TokenKind kindOf(String token) {
    if (token == null || token.isEmpty()) {
      return TokenKind.NONE;
    }
    if (token.equals(botToken)) {
      return TokenKind.BOT;
    }
    if (token.equals(appToken)) {
      return TokenKind.APP;
    }
    return TokenKind.UNKNOWN;
  }

  private String nextTs() {
    long n = ++sequence;
    return String.format(Locale.ROOT, "%d.%06d", 1_718_100_000L + n, n);
  }

  private static long retryAfterSeconds(Duration retryAfter) {
    long seconds = retryAfter.toSeconds();
    return retryAfter.toNanos() > seconds * 1_000_000_000L ? seconds + 1 : seconds;
  }

  private static ObjectNode success() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ObjectNode failure(String error) {
    return JSON.createObjectNode().put("ok", false).put("error", error);
  }

  private static Answer ok(ObjectNode body) {
    return new Answer(200, body, Map.of());
  }

  private static Answer error(String error) {
    return ok(failure(error));
  }

  private static Answer rateLimited(Object retryAfterSeconds) {
    return new Answer(
        429, failure("ratelimited"), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private record Answer(int status, ObjectNode body, Map<String, String> headers) {}

  /** A programmed behaviour for the next {@code remaining} calls. */
  private static final class Programmed {
    int remaining;
    final Object value;

    Programmed(int remaining, Object value) {
      this.remaining = remaining;
      this.value = value;
    }

    boolean take() {
      if (remaining <= 0) {
        return false;
      }
      remaining--;
      return true;
    }
  }

  private static final class ChannelRate {
    final long minGapNanos;
    final long retryAfterSeconds;
    Long lastPost;

    ChannelRate(long minGapNanos, long retryAfterSeconds) {
      this.minGapNanos = minGapNanos;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  private static final class PendingUpload {
    final String fileId;
    final String filename;
    final long length;
    String title;
    byte[] content;

    PendingUpload(String fileId, String filename, long length) {
      this.fileId = fileId;
      this.filename = filename;
      this.length = length;
    }
  }

  /** Settings of a local Slack; each has a default matching {@link SlackSamples}. */
  public static final class Builder {
    private String teamId = SlackSamples.TEAM_ID;
    private String appId = SlackSamples.APP_ID;
    private String botUserId = SlackSamples.BOT_USER_ID;
    private String botId = SlackSamples.BOT_ID;
    private String botToken = "xoxb-local";
    private String appToken = "xapp-local";
    private Set<String> channels =
        new LinkedHashSet<>(List.of(SlackSamples.CHANNEL_ID, SlackSamples.DM_CHANNEL_ID));

    private Builder() {}

    public Builder teamId(String teamId) {
      this.teamId = teamId;
      return this;
    }

    public Builder appId(String appId) {
      this.appId = appId;
      return this;
    }

    public Builder botUserId(String botUserId) {
      this.botUserId = botUserId;
      return this;
    }

    public Builder botId(String botId) {
      this.botId = botId;
      return this;
    }

    /** The bot token this Slack accepts; must start with {@code xoxb-}. */
    public Builder botToken(String botToken) {
      if (!botToken.startsWith("xoxb-")) {
        throw new IllegalArgumentException("bot tokens start with xoxb-");
      }
      this.botToken = botToken;
      return this;
    }

    /** The app-level token this Slack accepts; must start with {@code xapp-}. */
    public Builder appToken(String appToken) {
      if (!appToken.startsWith("xapp-")) {
        throw new IllegalArgumentException("app-level tokens start with xapp-");
      }
      this.appToken = appToken;
      return this;
    }

    /** The conversations that exist (default: the samples' channel and DM). */
    public Builder channels(String... channelIds) {
      this.channels = new LinkedHashSet<>(List.of(channelIds));
      return this;
    }

    /** Starts the Web API and Socket Mode servers. */
    public LocalSlack start() {
      return new LocalSlack(this);
    }
  }
}
