package switchboard.connector.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import switchboard.connector.OutboundReply;

/**
 * Turns a portable reply into the Web API calls that post it. Pure and thread-safe.
 *
 * <p><b>Block Kit</b> (no {@code extra.slack}): the pretext and the text become mrkdwn sections,
 * prefixed with {@code <@user>: } when the reply addresses someone (hubot's Slack adapter,
 * stackstorm-contract.md §8.5); code blocks become ```preformatted``` sections, with {@code & < >}
 * escaped so command output cannot mention anyone or fake links (chat-providers.md §1.6); fields
 * become section fields; buttons an actions block whose block_id names the reply ({@link
 * SlackEventMapper#ACTIONS_BLOCK_PREFIX}). A success or failure reply wraps its blocks in an
 * attachment for the colour bar. Text is split at Slack's limits (§1.3): 3,000 characters per
 * section, 50 blocks and 40,000 characters per message; output longer than {@code
 * file.upload.threshold.chars} goes into a file instead.
 *
 * <p><b>{@code extra.slack}</b> from StackStorm renders as hubot-stackstorm and err-stackstorm
 * render it (stackstorm-contract.md §8.5, §10), so existing packs look as before: with {@code
 * blocks} or {@code attachments} it is the chat.postMessage body, used raw; otherwise its keys are
 * merged into one legacy attachment carrying the pretext, the text (in 7,900-character chunks, as
 * hubot chunks) and the status colour. {@code thread_response} is dropped: the thread is the
 * reply's.
 *
 * <p>A whisper goes out as chat.postEphemeral to {@code whisperTo}; it is never uploaded as a file
 * (files cannot be ephemeral), and never carries a mention.
 */
final class SlackReplyRenderer {

  static final int SECTION_CHARS = 3_000;
  static final int FIELD_CHARS = 2_000;
  static final int FIELDS_PER_SECTION = 10;
  static final int BLOCKS_PER_MESSAGE = 50;
  static final int MESSAGE_CHARS = 40_000;
  static final int BUTTONS_PER_ACTIONS = 25;
  static final int BUTTON_LABEL_CHARS = 75;
  static final int BUTTON_VALUE_CHARS = 2_000;
  static final int BLOCK_ID_CHARS = 255;
  static final int FALLBACK_CHARS = 3_000;

  /** hubot-stackstorm's attachment text chunk (adapters/slack.js). */
  static final int LEGACY_CHUNK_CHARS = 7_900;

  private static final String FENCE = "```";
  private static final Set<String> NOT_PASSED_THROUGH =
      Set.of("thread_response", "channel", "thread_ts", "user", "ts", "token");

  private final SlackRendering rendering;
  private final ObjectMapper json = new ObjectMapper();

  SlackReplyRenderer(SlackRendering rendering) {
    this.rendering = rendering;
  }

  /** The calls that post the reply, in order; never empty. */
  List<SlackCall> render(OutboundReply reply) {
    ObjectNode extra = slackExtra(reply);
    if (extra != null && (extra.has("blocks") || extra.has("attachments"))) {
      return List.of(raw(reply, extra));
    }
    String output = output(reply);
    boolean upload =
        reply.whisperTo() == null && output.length() > rendering.uploadThresholdChars();
    List<SlackCall> calls =
        new ArrayList<>(extra != null ? legacyCard(reply, extra, upload) : blockKit(reply, upload));
    if (upload) {
      calls.add(
          new SlackCall.Upload(
              reply.channel(), reply.thread(), fileName(reply), title(reply), output));
    }
    return calls;
  }

  // ------------------------------------------------------------------ Block Kit

  private List<SlackCall> blockKit(OutboundReply reply, boolean upload) {
    List<Block> blocks = new ArrayList<>();
    String lead = lead(reply);
    if (!isBlank(reply.pretext())) {
      sections(lead + reply.pretext(), blocks);
      lead = "";
    }
    if (upload) {
      sections(lead + uploadNote(reply), blocks);
      lead = "";
    } else {
      if (!isBlank(reply.text())) {
        sections(lead + reply.text(), blocks);
        lead = "";
      }
      for (String code : reply.codeBlocks()) {
        for (String chunk :
            SlackText.chunks(SlackText.escape(code), SECTION_CHARS - 2 * FENCE.length())) {
          blocks.add(section(FENCE + chunk + FENCE));
        }
      }
    }
    if (!lead.isEmpty()) {
      blocks.add(0, section(lead.strip()));
    }
    fields(reply.fields(), blocks);
    actions(reply, blocks);
    if (blocks.isEmpty()) {
      blocks.add(section("_(no output)_"));
    }

    String color = color(reply, false);
    String fallback = fallback(reply);
    List<SlackCall> calls = new ArrayList<>();
    for (List<Block> message : messages(blocks)) {
      ArrayNode array = json.createArrayNode();
      message.forEach(block -> array.add(block.json));
      ObjectNode content = json.createObjectNode();
      if (color == null) {
        content.put("text", fallback);
        content.set("blocks", array);
      } else {
        // The colour bar is a legacy attachment around the blocks; its fallback is the
        // notification text, and a top-level text would show above the bar.
        ObjectNode attachment = content.putArray("attachments").addObject();
        attachment.put("color", color);
        attachment.put("fallback", fallback);
        attachment.set("blocks", array);
      }
      calls.add(post(reply, content));
    }
    return calls;
  }

  private void sections(String text, List<Block> into) {
    for (String chunk : SlackText.chunks(text, SECTION_CHARS)) {
      into.add(section(chunk));
    }
  }

  private Block section(String mrkdwn) {
    ObjectNode section = json.createObjectNode();
    section.put("type", "section");
    section.set("text", mrkdwn(mrkdwn));
    return new Block(section, mrkdwn.length());
  }

  private void fields(List<OutboundReply.Field> fields, List<Block> into) {
    for (int from = 0; from < fields.size(); from += FIELDS_PER_SECTION) {
      ObjectNode section = json.createObjectNode();
      section.put("type", "section");
      ArrayNode array = section.putArray("fields");
      int chars = 0;
      for (OutboundReply.Field field :
          fields.subList(from, Math.min(fields.size(), from + FIELDS_PER_SECTION))) {
        String text = SlackText.truncate("*" + field.title() + "*\n" + field.value(), FIELD_CHARS);
        array.add(mrkdwn(text));
        chars += text.length();
      }
      into.add(new Block(section, chars));
    }
  }

  private void actions(OutboundReply reply, List<Block> into) {
    List<OutboundReply.Button> buttons = reply.buttons();
    for (int from = 0; from < buttons.size(); from += BUTTONS_PER_ACTIONS) {
      into.add(new Block(actionsBlock(reply, from), 0));
    }
  }

  private ObjectNode actionsBlock(OutboundReply reply, int from) {
    List<OutboundReply.Button> buttons = reply.buttons();
    ObjectNode actions = json.createObjectNode();
    actions.put("type", "actions");
    actions.put(
        "block_id",
        SlackText.truncate(
            SlackEventMapper.ACTIONS_BLOCK_PREFIX
                + (from / BUTTONS_PER_ACTIONS)
                + ":"
                + reply.replyId(),
            BLOCK_ID_CHARS));
    ArrayNode elements = actions.putArray("elements");
    for (OutboundReply.Button button :
        buttons.subList(from, Math.min(buttons.size(), from + BUTTONS_PER_ACTIONS))) {
      ObjectNode element = elements.addObject();
      element.put("type", "button");
      element.put("action_id", button.actionId());
      ObjectNode label = element.putObject("text");
      label.put("type", "plain_text");
      label.put("text", SlackText.truncate(button.label(), BUTTON_LABEL_CHARS));
      element.put("value", SlackText.truncate(button.value(), BUTTON_VALUE_CHARS));
      if ("primary".equals(button.style()) || "danger".equals(button.style())) {
        element.put("style", button.style());
      }
    }
    return actions;
  }

  /** Blocks grouped into messages within 50 blocks and 40,000 characters each. */
  private static List<List<Block>> messages(List<Block> blocks) {
    List<List<Block>> messages = new ArrayList<>();
    List<Block> current = new ArrayList<>();
    int chars = 0;
    for (Block block : blocks) {
      if (!current.isEmpty()
          && (current.size() == BLOCKS_PER_MESSAGE || chars + block.chars > MESSAGE_CHARS)) {
        messages.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(block);
      chars += block.chars;
    }
    messages.add(current);
    return messages;
  }

  // ------------------------------------------------------------------ extra.slack

  private SlackCall raw(OutboundReply reply, ObjectNode extra) {
    ObjectNode args = target(reply);
    extra
        .fields()
        .forEachRemaining(
            field -> {
              if (!NOT_PASSED_THROUGH.contains(field.getKey())) {
                args.set(field.getKey(), field.getValue());
              }
            });
    if (args.has("blocks") && !args.hasNonNull("text")) {
      args.put("text", fallback(reply));
    }
    return new SlackCall.Post(method(reply), args);
  }

  private List<SlackCall> legacyCard(OutboundReply reply, ObjectNode extra, boolean upload) {
    ObjectNode card = json.createObjectNode();
    card.put("color", color(reply, true));
    card.putArray("mrkdwn_in").add("text").add("pretext");
    if (!reply.fields().isEmpty()) {
      ArrayNode fields = card.putArray("fields");
      for (OutboundReply.Field field : reply.fields()) {
        fields
            .addObject()
            .put("title", field.title())
            .put("value", field.value())
            .put("short", field.isShort());
      }
    }
    extra
        .fields()
        .forEachRemaining(
            field -> {
              if (!NOT_PASSED_THROUGH.contains(field.getKey())) {
                card.set(field.getKey(), field.getValue());
              }
            });
    String pretext = lead(reply) + (reply.pretext() == null ? "" : reply.pretext());
    String body = upload ? uploadNote(reply) : legacyText(reply);
    List<String> chunks = body.isEmpty() ? List.of("") : SlackText.chunks(body, LEGACY_CHUNK_CHARS);

    List<SlackCall> calls = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      ObjectNode attachment = card.deepCopy();
      if (i == 0 && !pretext.isBlank()) {
        attachment.put("pretext", pretext);
      }
      if (!chunks.get(i).isEmpty()) {
        attachment.put("text", chunks.get(i));
      }
      if (!attachment.has("fallback")) {
        attachment.put(
            "fallback",
            SlackText.truncate(
                chunks.get(i).isEmpty() ? fallback(reply) : chunks.get(i), FALLBACK_CHARS));
      }
      ObjectNode content = json.createObjectNode();
      ArrayNode attachments = content.putArray("attachments");
      attachments.add(attachment);
      if (i == chunks.size() - 1) {
        for (int from = 0; from < reply.buttons().size(); from += BUTTONS_PER_ACTIONS) {
          attachments.addObject().putArray("blocks").add(actionsBlock(reply, from));
        }
      }
      calls.add(post(reply, content));
    }
    return calls;
  }

  private static String legacyText(OutboundReply reply) {
    StringBuilder text = new StringBuilder(reply.text() == null ? "" : reply.text());
    for (String code : reply.codeBlocks()) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(FENCE).append(SlackText.escape(code)).append(FENCE);
    }
    return text.toString();
  }

  private ObjectNode slackExtra(OutboundReply reply) {
    String document = reply.extra().get(SlackConnectorProvider.ID);
    if (isBlank(document)) {
      return null;
    }
    try {
      JsonNode tree = json.readTree(document);
      return tree instanceof ObjectNode object && !object.isEmpty() ? object : null;
    } catch (JsonProcessingException e) {
      // Not ours to fail the reply over: the text still says everything, without decoration.
      return null;
    }
  }

  // ------------------------------------------------------------------ shared parts

  private SlackCall.Post post(OutboundReply reply, ObjectNode content) {
    ObjectNode args = target(reply);
    args.setAll(content);
    return new SlackCall.Post(method(reply), args);
  }

  /** channel, thread_ts and, for a whisper, user. */
  private ObjectNode target(OutboundReply reply) {
    ObjectNode args = json.createObjectNode();
    args.put("channel", reply.channel());
    if (reply.thread() != null) {
      args.put("thread_ts", reply.thread());
    }
    if (reply.whisperTo() != null) {
      args.put("user", reply.whisperTo());
    }
    return args;
  }

  private static String method(OutboundReply reply) {
    return reply.whisperTo() != null ? SlackCall.Post.EPHEMERAL : SlackCall.Post.MESSAGE;
  }

  private ObjectNode mrkdwn(String text) {
    ObjectNode object = json.createObjectNode();
    object.put("type", "mrkdwn");
    object.put("text", text);
    return object;
  }

  /** hubot's mention prefix; a whisper addresses its one reader already. */
  private static String lead(OutboundReply reply) {
    return reply.mention() != null && reply.whisperTo() == null
        ? "<@" + reply.mention() + ">: "
        : "";
  }

  /**
   * The status colour; a neutral reply has none, except on the legacy card, which hubot always
   * coloured with its success colour.
   */
  private String color(OutboundReply reply, boolean legacy) {
    String status = reply.status() == null ? "" : reply.status().toLowerCase(Locale.ROOT);
    return switch (status) {
      case "success" -> rendering.successColor();
      case "failure" -> rendering.failureColor();
      default -> legacy ? rendering.successColor() : null;
    };
  }

  /** The plain summary notifications and screen readers show. */
  private static String fallback(OutboundReply reply) {
    String summary = firstLine(reply.pretext());
    if (summary == null) {
      summary = firstLine(reply.text());
    }
    if (summary == null) {
      summary = reply.kind() == null ? "reply" : reply.kind();
    }
    return SlackText.truncate(lead(reply) + summary, FALLBACK_CHARS);
  }

  private static String firstLine(String text) {
    if (isBlank(text)) {
      return null;
    }
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }

  /** The text and code blocks, as the file holds them: unescaped, unsplit. */
  private static String output(OutboundReply reply) {
    List<String> parts = new ArrayList<>();
    if (!isBlank(reply.text())) {
      parts.add(reply.text());
    }
    reply.codeBlocks().stream().filter(code -> !isBlank(code)).forEach(parts::add);
    return String.join("\n\n", parts);
  }

  private static String uploadNote(OutboundReply reply) {
    return "_The output is "
        + output(reply).length()
        + " characters long; it is attached as "
        + fileName(reply)
        + (reply.thread() != null ? " in this thread._" : " in the thread of this message._");
  }

  private static String fileName(OutboundReply reply) {
    return (reply.kind() == null ? "reply" : reply.kind()) + "-output.txt";
  }

  private static String title(OutboundReply reply) {
    String line = firstLine(reply.pretext());
    return line == null ? "Output" : SlackText.truncate(line, 250);
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /** A block and the characters of text it carries. */
  private record Block(ObjectNode json, int chars) {}
}
