package switchboard.testkit.slack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The file bytes of an upload-URL POST. Slack takes the raw bytes as the body, or a {@code
 * multipart/form-data} body whose {@code file} part holds them
 * (https://api.slack.com/messaging/files#upload).
 */
final class MultipartFile {

  private MultipartFile() {}

  static byte[] content(String contentType, byte[] body) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return body;
    }
    int at = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
    if (at < 0) {
      return body;
    }
    String boundary = contentType.substring(at + "boundary=".length()).replace("\"", "").trim();
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    int part = indexOf(body, delimiter, 0);
    while (part >= 0) {
      int headersStart = part + delimiter.length;
      int contentStart = indexOf(body, headerEnd, headersStart);
      if (contentStart < 0) {
        break;
      }
      String headers =
          new String(body, headersStart, contentStart - headersStart, StandardCharsets.ISO_8859_1);
      contentStart += headerEnd.length;
      int next = indexOf(body, delimiter, contentStart);
      if (next < 0) {
        break;
      }
      if (headers.contains("name=\"file\"")) {
        // The part ends with CRLF before the next delimiter.
        return Arrays.copyOfRange(body, contentStart, next - 2);
      }
      part = next;
    }
    return body;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
