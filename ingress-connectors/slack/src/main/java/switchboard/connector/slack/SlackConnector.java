package switchboard.connector.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.Capabilities;
import switchboard.connector.ChatConnector;
import switchboard.connector.DeliveryResult;
import switchboard.connector.InboundSink;
import switchboard.connector.OutboundReply;

/**
 * One Slack app installation: events in over Socket Mode or the Events API, replies out over the
 * Web API (chat-providers.md §1), all through the Slack SDK for Java.
 *
 * <p>{@link #start()} asks {@code auth.test} who the bot is (its own messages are then dropped and
 * its mentions recognised) and fails at once when Slack refuses the bot token; then it opens the
 * ingress of {@code mode}. {@link #deliver} works with or without {@link #start()}, so an
 * egress-only notifier need not open any ingress.
 */
public final class SlackConnector implements ChatConnector {

  /** Slack's limit on a message's text (chat-providers.md §1.3). */
  public static final int MAX_MESSAGE_CHARS = 40_000;

  private static final Logger LOG = LoggerFactory.getLogger(SlackConnector.class);
  private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(30);

  private final String instance;
  private final SlackSettings settings;
  private final SlackCredentials credentials;
  private final InboundSink sink;
  private final Clock clock;
  private final Slack slack;
  private final MethodsClient methods;
  private final SlackReplyRenderer renderer;
  private final SlackReplySender sender;
  private final Capabilities capabilities;
  private SlackSocketModeIngress socketMode;
  private SlackEventsEndpoint eventsEndpoint;
  private boolean closed;

  SlackConnector(
      String instance,
      SlackSettings settings,
      SlackCredentials credentials,
      InboundSink sink,
      Clock clock) {
    this.instance = instance;
    this.settings = settings;
    this.credentials = credentials;
    this.sink = sink;
    this.clock = clock;
    this.slack = Slack.getInstance(slackConfig(settings));
    this.methods = slack.methods(credentials.botToken());
    this.renderer = new SlackReplyRenderer(settings.rendering());
    this.sender = new SlackReplySender(methods, credentials.botToken());
    // Pacing is the notifier's: it spaces messages of one conversation by minInterval.
    this.capabilities =
        new Capabilities(true, true, true, false, true, MAX_MESSAGE_CHARS, settings.pacing());
  }

  private static SlackConfig slackConfig(SlackSettings settings) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    int timeout = Math.toIntExact(settings.apiTimeout().toMillis());
    config.setHttpClientCallTimeoutMillis(timeout);
    config.setHttpClientReadTimeoutMillis(timeout);
    config.setHttpClientWriteTimeoutMillis(timeout);
    // The SDK's statistics would call auth.test per token in the background and keep metrics we
    // do not read.
    config.setStatsEnabled(false);
    return config;
  }

  /**
   * Learns the bot's identity and opens the ingress.
   *
   * @throws IllegalStateException when Slack refuses the bot or app token, naming the key
   * @throws IOException when Slack cannot be reached
   */
  @Override
  public synchronized void start() throws Exception {
    if (closed || socketMode != null || eventsEndpoint != null) {
      throw new IllegalStateException("slack " + instance + " is already started or closed");
    }
    SlackBotIdentity bot = identify();
    SlackInbound inbound =
        new SlackInbound(new SlackEventMapper(bot, settings.threading()), sink, clock);
    try {
      if (settings.mode() == SlackSettings.Mode.SOCKET) {
        socketMode =
            new SlackSocketModeIngress(
                instance, slack, credentials.appToken(), settings.socketConnections(), inbound);
        socketMode.start(HELLO_TIMEOUT);
      } else {
        eventsEndpoint =
            new SlackEventsEndpoint(
                instance,
                settings.eventsHost(),
                settings.eventsPort(),
                settings.eventsPath(),
                new SlackRequestVerifier(credentials.signingSecret(), clock),
                inbound);
        eventsEndpoint.start();
      }
    } catch (Exception e) {
      closeIngress();
      throw e;
    }
    LOG.info(
        "slack {}: started in {} mode as bot user {} of workspace {}",
        instance,
        settings.mode(),
        bot.userId(),
        bot.teamId());
  }

  private SlackBotIdentity identify() throws IOException, SlackApiException {
    AuthTestResponse response = methods.authTest(request -> request);
    if (!response.isOk()) {
      throw new IllegalStateException(
          "slack "
              + instance
              + ": Slack refused "
              + SlackConnectorConfig.BOT_TOKEN_CONFIG
              + " on auth.test: "
              + response.getError());
    }
    return new SlackBotIdentity(response.getUserId(), response.getBotId(), response.getTeamId());
  }

  /**
   * The Events API Request URL as bound (mode=events), e.g. to read the port picked for {@code
   * events.http.port=0}.
   *
   * @throws IllegalStateException when not started in events mode
   */
  public synchronized URI eventsUri() {
    if (eventsEndpoint == null) {
      throw new IllegalStateException("slack " + instance + " serves no Events API endpoint");
    }
    return eventsEndpoint.uri();
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * Renders the reply ({@link SlackReplyRenderer}) and posts it ({@link SlackReplySender}); parts
   * already posted for the same reply id are not posted again.
   */
  @Override
  public DeliveryResult deliver(OutboundReply reply) {
    return sender.deliver(reply.replyId(), renderer.render(reply));
  }

  /** Closes the ingress and the SDK's HTTP client; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeIngress();
    try {
      slack.close();
    } catch (Exception e) {
      LOG.debug("slack {}: closing the SDK client: {}", instance, e.toString());
    }
  }

  private void closeIngress() {
    if (socketMode != null) {
      socketMode.close();
    }
    if (eventsEndpoint != null) {
      eventsEndpoint.close();
    }
  }
}
