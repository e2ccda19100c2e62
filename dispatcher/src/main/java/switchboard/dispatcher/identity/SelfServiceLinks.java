package switchboard.dispatcher.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import switchboard.dispatcher.stackstorm.StackStormSettings;
import switchboard.records.CommandRequest;
import switchboard.records.Reply;
import switchboard.records.ReplyKind;
import switchboard.records.ReplyStatus;

/**
 * The self-service link flow of one dispatcher instance: answers a {@code switchboard.link} command
 * with a one-time URL, and serves the page behind it. Lifecycle: construct, {@link #start()},
 * {@link #close()}.
 *
 * <p>Wiring: the dispatcher hands every command whose alias ref is {@link #ALIAS_REF} to {@link
 * #offer} instead of StackStorm, and writes the reply to {@code chatops.replies}.
 */
public final class SelfServiceLinks implements AutoCloseable {

  /** The built-in alias ref the matcher gives a {@code link} sent in a direct conversation. */
  public static final String ALIAS_REF = "switchboard.link";

  private final LinkSettings settings;
  private final LinkTokens tokens;
  private final LinkPage page;
  private final Clock clock;

  /**
   * @param stackStorm where StackStorm is, for checking users' credentials; its own credentials are
   *     not used
   * @param sink where confirmed links go, e.g. {@link KafkaIdentityLinkSink}
   */
  public SelfServiceLinks(
      LinkSettings settings, StackStormSettings stackStorm, IdentityLinkSink sink, Clock clock)
      throws IOException {
    this(settings, new StackStormCredentialCheck(stackStorm), sink, clock);
  }

  SelfServiceLinks(
      LinkSettings settings, CredentialCheck credentials, IdentityLinkSink sink, Clock clock)
      throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.tokens = new LinkTokens(settings, clock);
    this.page = new LinkPage(settings, tokens, credentials, sink, clock);
  }

  public void start() {
    page.start();
  }

  /** The port the page listens on (useful when configured as 0). */
  public int port() {
    return page.port();
  }

  /**
   * The reply to a {@code switchboard.link} command: a fresh one-time URL for its sender, sent to
   * them alone. The matcher only emits the command from a direct conversation.
   */
  public Reply offer(CommandRequest command) {
    String token =
        tokens.issue(
            command.getConversation().getProvider(),
            command.getConversation().getWorkspace(),
            command.getSender().getId());
    Instant now = clock.instant();
    return Reply.newBuilder()
        .setReplyId(command.getRequestId() + "/" + ReplyKind.INFO)
        .setRequestId(command.getRequestId())
        .setKind(ReplyKind.INFO)
        .setConversation(command.getConversation())
        .setThread(command.getThread())
        .setInReplyTo(command.getMessageId())
        .setWhisperTo(command.getSender().getId())
        .setStatus(ReplyStatus.NEUTRAL)
        .setPretext("Link your StackStorm account")
        .setText(
            "Open "
                + settings.urlOf(token)
                + " and sign in with your StackStorm user and password. The link is for you"
                + " alone, works once, and expires in "
                + (settings.ttl().toMinutes() >= 1
                    ? settings.ttl().toMinutes() + " minutes."
                    : settings.ttl().toSeconds() + " seconds."))
        .setCreatedAt(now)
        .build();
  }

  @Override
  public void close() {
    page.close();
  }
}
