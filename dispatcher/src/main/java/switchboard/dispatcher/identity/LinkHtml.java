package switchboard.dispatcher.identity;

/** The link page's HTML: a sign-in form and its outcomes. Pure; every value is escaped. */
final class LinkHtml {

  private LinkHtml() {}

  static String form(LinkTokens.Pending pending, String message) {
    return page(
        "Link your StackStorm account",
        "<p>You are linking the "
            + escape(pending.provider())
            + " user <code>"
            + escape(pending.chatUserId())
            + "</code>"
            + (pending.workspace().isEmpty()
                ? ""
                : " of workspace <code>" + escape(pending.workspace()) + "</code>")
            + " to a StackStorm account. Commands you run in chat will run as that account.</p>"
            + (message == null ? "" : "<p class=\"problem\">" + escape(message) + "</p>")
            + "<form method=\"post\" autocomplete=\"off\">"
            + "<label>StackStorm user <input name=\"username\" required autofocus></label>"
            + "<label>Password <input name=\"password\" type=\"password\" required></label>"
            + "<button type=\"submit\">Link</button>"
            + "</form>");
  }

  static String linked(String stackstormUser) {
    return page(
        "Linked",
        "<p>Done: in chat you are now <code>"
            + escape(stackstormUser)
            + "</code> in StackStorm. Say <code>whoami</code> to the bot to check, or"
            + " <code>unlink</code> to undo it. You can close this page.</p>");
  }

  static String gone() {
    return page(
        "This link no longer works",
        "<p>It has expired or was already used. Send <code>link</code> to the bot in a direct"
            + " message for a new one.</p>");
  }

  static String unavailable() {
    return page(
        "StackStorm did not answer",
        "<p>Nothing was linked. Try again in a minute, with the same link while it lasts.</p>");
  }

  static String notRecorded() {
    return page(
        "Not linked",
        "<p>The link could not be recorded. Send <code>link</code> to the bot in a direct"
            + " message for a new one.</p>");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + " - Switchboard</title><style>"
        + "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}"
        + "label{display:block;margin:.8rem 0}input{display:block;width:100%;padding:.4rem}"
        + "button{padding:.5rem 1.2rem}.problem{color:#a40000}"
        + "</style></head><body><h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</body></html>";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }
}
