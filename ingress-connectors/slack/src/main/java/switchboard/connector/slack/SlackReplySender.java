package switchboard.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.connector.DeliveryResult;

/**
 * Runs the renderer's calls against the Web API through the Slack SDK and reports the outcome
 * (chat-providers.md §1.3). HTTP 429 becomes {@link DeliveryResult.RetryAfter} with Slack's {@code
 * Retry-After}; {@code ok:false} codes are sorted by {@link SlackApiErrors}. It never waits itself:
 * pacing and retries are the notifier's.
 *
 * <p>A reply may take several calls. Those that succeeded are remembered by reply id, so when the
 * notifier retries after a failure part-way, or redelivers a reply already posted, nothing is
 * posted twice (OutboundReply.replyId: "connectors may use it to skip duplicates"). The memory is
 * bounded to the most recent {@value #REMEMBERED_REPLIES} replies.
 */
final class SlackReplySender {

  static final int REMEMBERED_REPLIES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(SlackReplySender.class);

  private final MethodsClient methods;
  private final String botToken;
  private final Map<String, List<String>> posted =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
          return size() > REMEMBERED_REPLIES;
        }
      };

  SlackReplySender(MethodsClient methods, String botToken) {
    this.methods = methods;
    this.botToken = botToken;
  }

  /**
   * Posts what is not yet posted of one reply.
   *
   * @return {@link DeliveryResult.Delivered} with the message ts (and file ids) in order, or the
   *     first failure
   */
  DeliveryResult deliver(String replyId, List<SlackCall> calls) {
    List<String> ids;
    synchronized (posted) {
      ids = new ArrayList<>(posted.getOrDefault(replyId, List.of()));
    }
    for (int i = ids.size(); i < calls.size(); i++) {
      String previousTs = i == 0 ? null : ids.get(i - 1);
      Step step = execute(calls.get(i), previousTs);
      if (step.failure != null) {
        LOG.debug("reply {}: step {} of {} failed: {}", replyId, i + 1, calls.size(), step.failure);
        return step.failure;
      }
      ids.add(step.id);
      synchronized (posted) {
        posted.put(replyId, List.copyOf(ids));
      }
    }
    return new DeliveryResult.Delivered(ids);
  }

  private Step execute(SlackCall call, String previousTs) {
    String method = call instanceof SlackCall.Post post ? post.method() : "file upload";
    try {
      return call instanceof SlackCall.Post post
          ? post(post)
          : upload((SlackCall.Upload) call, previousTs);
    } catch (SlackApiException e) {
      return Step.failed(
          SlackApiErrors.httpOutcome(
              method,
              e.getResponse().code(),
              SlackApiErrors.retryAfter(e.getResponse().header("Retry-After"))));
    } catch (IOException e) {
      return Step.failed(new DeliveryResult.TransientFailure(method + " failed: " + e));
    }
  }

  private Step post(SlackCall.Post post) throws IOException, SlackApiException {
    if (SlackCall.Post.EPHEMERAL.equals(post.method())) {
      ChatPostEphemeralResponse response = call(post, ChatPostEphemeralResponse.class);
      return response.isOk()
          ? Step.done(response.getMessageTs())
          : Step.failed(rejected(post.method(), response));
    }
    ChatPostMessageResponse response = call(post, ChatPostMessageResponse.class);
    return response.isOk()
        ? Step.done(response.getTs())
        : Step.failed(rejected(post.method(), response));
  }

  // Form encoding is what Slack accepts for every method, with structured arguments (blocks,
  // attachments) as JSON strings; it carries any argument extra.slack passes through.
  private <T extends SlackApiTextResponse> T call(SlackCall.Post post, Class<T> type)
      throws IOException, SlackApiException {
    return methods.postFormWithTokenAndParseResponse(
        form -> {
          post.args()
              .fields()
              .forEachRemaining(field -> form.add(field.getKey(), formValue(field.getValue())));
          return form;
        },
        post.method(),
        botToken,
        type);
  }

  private Step upload(SlackCall.Upload upload, String previousTs)
      throws IOException, SlackApiException {
    String thread = upload.threadTs() != null ? upload.threadTs() : previousTs;
    try {
      FilesUploadV2Response response =
          methods.filesUploadV2(
              request ->
                  request
                      .channel(upload.channel())
                      .threadTs(thread)
                      .filename(upload.filename())
                      .title(upload.title())
                      .content(upload.content()));
      return Step.done(response.getFile().getId());
    } catch (SlackFilesUploadV2Exception e) {
      return Step.failed(uploadFailure(e));
    }
  }

  private static DeliveryResult uploadFailure(SlackFilesUploadV2Exception e) {
    if (e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) {
      return rejected("files.completeUploadExternal", e.getCompleteResponse());
    }
    for (FilesGetUploadURLExternalResponse response : e.getGetURLResponses()) {
      if (!response.isOk()) {
        return rejected("files.getUploadURLExternal", response);
      }
    }
    for (FilesUploadV2Response.UploadResponse response : e.getUploadResponses().values()) {
      if (response.getCode() != 200) {
        return SlackApiErrors.httpOutcome("file upload", response.getCode(), null);
      }
    }
    return new DeliveryResult.TransientFailure("file upload failed: " + e);
  }

  private static DeliveryResult rejected(String method, SlackApiTextResponse response) {
    if (SlackApiErrors.isCredentialError(response.getError())) {
      LOG.error(
          "Slack refused the bot token on {}: {} (needed: {})",
          method,
          response.getError(),
          response.getNeeded());
    }
    // A rate limit reported in the body (not as HTTP 429) carries no Retry-After to read.
    return SlackApiErrors.outcome(method, response.getError(), null);
  }

  private static String formValue(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  /** One call's result: the id it produced, or the failure that ends the delivery. */
  private record Step(String id, DeliveryResult failure) {
    static Step done(String id) {
      return new Step(id, null);
    }

    static Step failed(DeliveryResult failure) {
      return new Step(null, failure);
    }
  }
}
