package switchboard.testkit.slack;

import java.nio.charset.StandardCharsets;

/**
 * A file shared through files.getUploadURLExternal, the upload URL and
 * files.completeUploadExternal.
 *
 * @param id the file id
 * @param filename the name given to files.getUploadURLExternal
 * @param title the title given to files.completeUploadExternal
 * @param content the bytes POSTed to the upload URL
 * @param channel the channel it was shared into, or null when completed without one (private)
 * @param threadTs the thread it was shared into, or null
 * @param initialComment the message posted with it, or null
 */
public record UploadedFile(
    String id,
    String filename,
    String title,
    byte[] content,
    String channel,
    String threadTs,
    String initialComment) {

  /** The content as UTF-8 text. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
