package switchboard.matcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import switchboard.matcher.policy.PermissionMode;

/** Configuration of the alias matcher; Kafka settings pass through under {@code kafka.}. */
public final class AliasMatcherConfig extends AbstractConfig {

  public static final String KAFKA_PREFIX = "kafka.";

  public static final String APPLICATION_ID_CONFIG = "matcher.application.id";
  private static final String APPLICATION_ID_DOC =
      "Kafka Streams application id; every instance of one matcher deployment shares it.";

  public static final String COMMAND_PREFIX_CONFIG = "matcher.command.prefix";
  private static final String COMMAND_PREFIX_DOC =
      "Text that addresses the bot at the start of a channel message, as hubot's '!'. A mention of"
          + " the bot or any message in a direct conversation also addresses it.";

  public static final String PERMISSIONS_MODE_CONFIG = "matcher.permissions.mode";
  private static final String PERMISSIONS_MODE_DOC =
      "Who may run what. 'enforce' (the default): a chat user runs commands as the StackStorm"
          + " user their immutable chat id is linked to in chatops.identities, when a rule in"
          + " chatops.policies allows it; unlinked users are denied. 'open': every chat user may"
          + " run every alias as one StackStorm account, as StackStorm's own ChatOps does; only"
          + " for a sandbox, and it must be chosen explicitly.";

  public static final String CONFIRM_TIMEOUT_MS_CONFIG = "matcher.confirm.timeout.ms";
  private static final String CONFIRM_TIMEOUT_MS_DOC =
      "How long a command whose policy rule says 'confirm' waits for the sender to press"
          + " Approve; after that it is dropped and the sender is told.";

  public static final String DEDUPE_WINDOW_MS_CONFIG = "matcher.dedupe.window.ms";
  private static final String DEDUPE_WINDOW_MS_DOC =
      "How long a chat event id is remembered, so a provider retry or a second connector replica"
          + " never runs a command twice.";

  public static final String HELP_PAGE_SIZE_CONFIG = "matcher.help.page.size";
  private static final String HELP_PAGE_SIZE_DOC = "Help entries per reply.";

  public static final String SUGGESTIONS_CONFIG = "matcher.suggestions";
  private static final String SUGGESTIONS_DOC =
      "How many close commands a no-match reply suggests.";

  public static final String STATE_DIR_CONFIG = "matcher.state.dir";
  private static final String STATE_DIR_DOC =
      "Directory of the Kafka Streams state stores (the dedupe window, pending confirmations,"
          + " rate-limit usage).";

  public static final String THREADS_CONFIG = "matcher.threads";
  private static final String THREADS_DOC = "Kafka Streams threads of this instance.";

  public static final String COMMIT_INTERVAL_MS_CONFIG = "matcher.commit.interval.ms";
  private static final String COMMIT_INTERVAL_MS_DOC =
      "Transaction commit interval. Under exactly-once, output is visible to the dispatcher only"
          + " after a commit, so this bounds the latency the matcher adds.";

  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              APPLICATION_ID_CONFIG,
              Type.STRING,
              "switchboard-alias-matcher",
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              APPLICATION_ID_DOC)
          .define(
              COMMAND_PREFIX_CONFIG,
              Type.STRING,
              "!",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              COMMAND_PREFIX_DOC)
          .define(
              PERMISSIONS_MODE_CONFIG,
              Type.STRING,
              PermissionMode.ENFORCE.configValue(),
              ValidString.in(
                  PermissionMode.ENFORCE.configValue(), PermissionMode.OPEN.configValue()),
              Importance.HIGH,
              PERMISSIONS_MODE_DOC)
          .define(
              CONFIRM_TIMEOUT_MS_CONFIG,
              Type.LONG,
              Duration.ofMinutes(5).toMillis(),
              Range.between(Duration.ofSeconds(10).toMillis(), Duration.ofHours(1).toMillis()),
              Importance.LOW,
              CONFIRM_TIMEOUT_MS_DOC)
          .define(
              DEDUPE_WINDOW_MS_CONFIG,
              Type.LONG,
              Duration.ofHours(24).toMillis(),
              Range.atLeast(1000),
              Importance.LOW,
              DEDUPE_WINDOW_MS_DOC)
          .define(
              HELP_PAGE_SIZE_CONFIG,
              Type.INT,
              20,
              Range.between(1, 100),
              Importance.LOW,
              HELP_PAGE_SIZE_DOC)
          .define(
              SUGGESTIONS_CONFIG,
              Type.INT,
              3,
              Range.between(0, 10),
              Importance.LOW,
              SUGGESTIONS_DOC)
          .define(
              STATE_DIR_CONFIG,
              Type.STRING,
              Path.of(System.getProperty("java.io.tmpdir"), "switchboard-streams").toString(),
              Importance.MEDIUM,
              STATE_DIR_DOC)
          .define(THREADS_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM, THREADS_DOC)
          .define(
              COMMIT_INTERVAL_MS_CONFIG,
              Type.LONG,
              100L,
              Range.atLeast(1),
              Importance.MEDIUM,
              COMMIT_INTERVAL_MS_DOC);

  public AliasMatcherConfig(Map<String, ?> originals) {
    super(CONFIG, originals);
  }

  /** The pure settings the decisions need. */
  public MatcherSettings settings() {
    return new MatcherSettings(
        getString(COMMAND_PREFIX_CONFIG),
        Duration.ofMillis(getLong(DEDUPE_WINDOW_MS_CONFIG)),
        getInt(HELP_PAGE_SIZE_CONFIG),
        getInt(SUGGESTIONS_CONFIG),
        PermissionMode.ofConfig(getString(PERMISSIONS_MODE_CONFIG)),
        Duration.ofMillis(getLong(CONFIRM_TIMEOUT_MS_CONFIG)));
  }

  /** Kafka client and Streams settings given under {@code kafka.}, prefix stripped. */
  public Map<String, Object> kafka() {
    return originalsWithPrefix(KAFKA_PREFIX);
  }
}
