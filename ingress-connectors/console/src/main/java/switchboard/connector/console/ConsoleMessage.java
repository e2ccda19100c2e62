package switchboard.connector.console;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One line of a channel's history, as {@code GET /api/channels/{channel}/messages} returns it (see
 * the module README).
 *
 * @param seq position in the console's history, increasing across all channels; 0 until appended
 * @param from "user" or "bot" (the Switchboard bot's replies)
 * @param user who wrote it: a user name, or the bot's name
 * @param bot true for a user message marked as coming from another bot
 * @param kind "message" or "interaction" for users; the reply kind (ack, result, ...) for the bot
 * @param status the reply status (neutral, success, failure), null for users
 * @param mention the user name a reply addresses, or null
 * @param whisper true when only {@code visibleTo} sees it
 * @param interaction the button a user pressed, for kind "interaction"
 * @param eventId the event id a user message was forwarded with, null for the bot
 * @param replyId the reply a bot message belongs to (one reply may become several messages)
 * @param time ISO-8601 instant it was appended
 * @param visibleTo the only user name that sees a whisper; never serialised
 * @param dedupeKey what makes a repeated post the same message; never serialised
 */
public record ConsoleMessage(
    long seq,
    String from,
    String user,
    boolean bot,
    String text,
    String pretext,
    List<Field> fields,
    List<String> codeBlocks,
    List<Button> buttons,
    String kind,
    String status,
    String thread,
    String mention,
    boolean whisper,
    Interaction interaction,
    String eventId,
    String replyId,
    String time,
    @JsonIgnore String visibleTo,
    @JsonIgnore String dedupeKey) {

  public static final String FROM_USER = "user";
  public static final String FROM_BOT = "bot";

  public ConsoleMessage {
    fields = List.copyOf(fields);
    codeBlocks = List.copyOf(codeBlocks);
    buttons = List.copyOf(buttons);
  }

  /** A labelled value of a reply. */
  public record Field(String title, String value, @JsonProperty("short") boolean isShort) {}

  /** A button of a reply; pressing it posts to {@code /api/interactions}. */
  public record Button(String actionId, String label, String value, String style) {}

  /** The button a user pressed. */
  public record Interaction(String actionId, String value, String replyId) {}

  /** This message at a position in the history. */
  ConsoleMessage at(long position) {
    return new ConsoleMessage(
        position,
        from,
        user,
        bot,
        text,
        pretext,
        fields,
        codeBlocks,
        buttons,
        kind,
        status,
        thread,
        mention,
        whisper,
        interaction,
        eventId,
        replyId,
        time,
        visibleTo,
        dedupeKey);
  }

  /** Whether {@code viewer} (a user name, or null for nobody in particular) sees this message. */
  boolean isVisibleTo(String viewer) {
    return visibleTo == null || visibleTo.equals(viewer);
  }
}
