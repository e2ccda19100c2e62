package switchboard.connector.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Web API step of delivering a reply, as the renderer plans it. */
sealed interface SlackCall {

  /**
   * A chat.postMessage or chat.postEphemeral call.
   *
   * @param method the Web API method
   * @param args its arguments as Slack documents them (channel, text, blocks, attachments,
   *     thread_ts, user, ...); structured values are JSON
   */
  record Post(String method, ObjectNode args) implements SlackCall {

    static final String MESSAGE = "chat.postMessage";
    static final String EPHEMERAL = "chat.postEphemeral";
  }

  /**
   * A text file shared with files.getUploadURLExternal, the upload URL and
   * files.completeUploadExternal.
   *
   * @param channel the channel to share it in
   * @param threadTs the thread to share it in; null puts it in the thread of the message posted
   *     just before it
   * @param filename the file name
   * @param title the title shown
   * @param content the file's text
   */
  record Upload(String channel, String threadTs, String filename, String title, String content)
      implements SlackCall {}
}
