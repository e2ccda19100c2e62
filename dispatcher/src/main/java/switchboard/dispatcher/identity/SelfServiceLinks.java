package switchboard.dispatcher.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import switchboard.dispatcher.execution.BuiltInCommands;
import switchboard.dispatcher.ledger.CommandRecords;
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
 * <p>As {@link BuiltInCommands}, the dispatcher asks it about every command before StackStorm;
 * {@link #disabled()} stands in when linking is turned off.
 */
public final class SelfServiceLinks implements BuiltInCommands, AutoCloseable {

  /** The built-in alias ref the matcher gives a {@code link} sent in a direct conversation. */
  public static final String ALIAS_REF = "switchboard.link";

  /** What the matcher names as the decider of self-service commands. */
  static final String SELF_SERVICE = "self-service";

  private final LinkSettings settings;
  private final CommandRecords records;
  private final LinkTokens tokens;
  private final LinkPage page;
  private final Clock clock;

  /**
   * @param stackStorm where StackStorm is, for checking users' credentials; its own credentials are
   *     not used
   * @param sink where confirmed links go, e.g. {@link KafkaIdentityLinkSink}
   */
  public SelfServiceLinks(
      LinkSettings settings,
      StackStormSettings stackStorm,
      IdentityLinkSink sink,
      CommandRecords records,
      Clock clock)
      throws IOException {
    this(settings, new StackStormCredentialCheck(stackStorm), sink, records, clock);
  }

  SelfServiceLinks(
      LinkSettings settings,
      CredentialCheck credentials,
      IdentityLinkSink sink,
      CommandRecords records,
      Clock clock)
      throws IOException {
    this.settings = settings;
    this.records = records;
    this.clock = clock;
    this.tokens = new LinkTokens(settings, clock);
    this.page = new LinkPage(settings, tokens, credentials, sink, clock);
  }

  /**
   * The answer to {@code link} when self-service linking is off: the user learns who can link them,
   * instead of StackStorm failing to find an alias named {@code switchboard.link}.
   */
  public static BuiltInCommands disabled(CommandRecords records, Clock clock) {
    return command ->
        isLink(command)
            ? Optional.of(
                whisper(
                    records,
                    command,
                    "Self-service linking is turned off here. Ask a Switchboard administrator to"
                        + " link your chat account to your StackStorm user (switchboard identity"
                        + " link).",
                    clock.instant()))
            : Optional.empty();
  }

  @Override
  public Optional<Reply> answer(CommandRequest command) {
    return isLink(command) ? Optional.of(offer(command)) : Optional.empty();
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
    return whisper(
        records,
        command,
        "Open "
            + settings.urlOf(token, page.port())
            + " and sign in with your StackStorm user and password. The link is for you"
            + " alone, works once, and expires in "
            + (settings.ttl().toMinutes() >= 1
                ? settings.ttl().toMinutes() + " minutes."
                : settings.ttl().toSeconds() + " seconds."),
        clock.instant());
  }

  /**
   * The matcher's self-service command, from a direct conversation only: a StackStorm alias that
   * happened to be named {@code switchboard.link} is not one, and a link offered in a channel could
   * be opened by someone else.
   */
  private static boolean isLink(CommandRequest command) {
    return ALIAS_REF.equals(command.getAliasRef())
        && SELF_SERVICE.equals(command.getDecidedBy())
        && command.getConversation().getDirect();
  }

  /** An INFO reply to the command's sender alone, in the conversation they wrote in. */
  private static Reply whisper(
      CommandRecords records, CommandRequest command, String text, Instant now) {
    return records
        .reply(
            command,
            ReplyKind.INFO,
            ReplyStatus.NEUTRAL,
            "Link your StackStorm account",
            text,
            Map.of(),
            now)
        .setWhisperTo(command.getSender().getId())
        .build();
  }

  @Override
  public void close() {
    page.close();
  }
}
