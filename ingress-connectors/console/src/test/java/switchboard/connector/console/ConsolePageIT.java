package switchboard.connector.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import switchboard.connector.InboundMessage;
import switchboard.connector.OutboundReply;
import switchboard.testkit.connectors.CapturingSink;
import switchboard.testkit.connectors.HeadlessChromium;

/**
 * The page in a real headless Chromium: what a user types reaches the sink, and what the bot
 * delivers shows up. Uses the Debian chromium and chromedriver (test-infrastructure.md §6), so
 * Selenium Manager never tries to download a browser or a driver.
 */
@Tag("integration")
@Timeout(120)
class ConsolePageIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir static Path profile;

  private static WebDriver browser;

  private final CapturingSink sink = new CapturingSink();
  private ConsoleConnector console;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = HeadlessChromium.start(profile);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void startConsole() throws Exception {
    console =
        new ConsoleConnector(
            "demo",
            new ConsoleConfig(
                    Map.of(
                        "http.port", "0", "banner", "StackStorm sandbox - not a real StackStorm"))
                .settings(),
            sink,
            Clock.systemUTC());
    console.start();
    browser.get(console.address().toString());
    await().atMost(TIMEOUT).until(() -> browser.findElement(By.id("banner")).isDisplayed());
  }

  @AfterEach
  void stopConsole() {
    console.close();
  }

  @Test
  void shouldSendWhatTheUserTypesAndShowWhatTheBotReplies() {
    // Given alice in #ops, with the banner the launcher configured
    assertThat(browser.findElement(By.id("banner")).getText())
        .isEqualTo("StackStorm sandbox - not a real StackStorm");
    join("alice", "#ops");

    // When she types a command
    browser.findElement(By.id("text")).sendKeys("@switchboard run core.uptime", Keys.ENTER);

    // Then it reaches the sink as her message, addressed to the bot
    InboundMessage message = sink.awaitMessageContaining("run core.uptime");
    assertThat(message.senderId()).isEqualTo("local:alice");
    assertThat(message.channel()).isEqualTo("#ops");
    assertThat(message.botMentions()).containsExactly("@switchboard");
    WebElement own = awaitMessage("user", "run core.uptime");
    assertThat(own.findElement(By.cssSelector(".mention")).getText()).isEqualTo("@switchboard");

    // When the bot replies with a result and a button
    console.deliver(
        new OutboundReply(
            "r-1",
            "result",
            "local",
            "#ops",
            null,
            "local:alice",
            null,
            "success",
            "Ran *core.uptime*",
            "Done on `web-1`",
            List.of(new OutboundReply.Field("host", "web-1", true)),
            List.of("up 3 days, load 0.1"),
            List.of(new OutboundReply.Button("rerun", "Run again", "core.uptime", "primary")),
            Map.of()));

    // Then the page renders it
    WebElement reply = awaitMessage("bot", "Done on");
    assertThat(reply.findElement(By.cssSelector(".pretext strong")).getText())
        .isEqualTo("core.uptime");
    assertThat(reply.findElement(By.cssSelector(".body code")).getText()).isEqualTo("web-1");
    assertThat(reply.findElement(By.cssSelector(".body .mention")).getText()).isEqualTo("@alice");
    assertThat(reply.findElement(By.cssSelector("table.fields")).getText())
        .contains("host", "web-1");
    assertThat(reply.findElement(By.cssSelector("pre.code-block")).getText())
        .isEqualTo("up 3 days, load 0.1");
    assertThat(reply.getAttribute("class")).contains("status-success");

    // When she presses the button
    reply.findElement(By.cssSelector("button[data-action-id='rerun']")).click();

    // Then the press reaches the sink as an interaction on that reply
    InboundMessage pressed = sink.awaitMessage(m -> m.interaction() != null);
    assertThat(pressed.interaction())
        .isEqualTo(new InboundMessage.Interaction("rerun", "core.uptime", "r-1"));
    assertThat(pressed.senderId()).isEqualTo("local:alice");
  }

  @Test
  void shouldShowAWhisperOnlyToItsUser() {
    // Given bob on the page in #ops
    join("bob", "#ops");

    // When the bot whispers to alice, then to bob
    console.deliver(whisper("r-a", "psst alice", "local:alice"));
    console.deliver(whisper("r-b", "psst bob", "local:bob"));

    // Then bob sees his whisper, marked as such, and never alice's
    WebElement mine = awaitMessage("bot", "psst bob");
    assertThat(mine.getAttribute("class")).contains("whisper");
    assertThat(browser.findElement(By.id("messages")).getText()).doesNotContain("psst alice");
  }

  private void join(String user, String channel) {
    WebElement userField = browser.findElement(By.id("user"));
    userField.clear();
    userField.sendKeys(user);
    WebElement channelField = browser.findElement(By.id("channel"));
    channelField.clear();
    channelField.sendKeys(channel);
    browser.findElement(By.id("join")).click();
    await().atMost(TIMEOUT).until(() -> browser.getTitle().startsWith(channel));
  }

  private WebElement awaitMessage(String from, String text) {
    return await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                browser
                    .findElements(By.cssSelector("#messages .message[data-from='" + from + "']"))
                    .stream()
                    .filter(e -> e.getText().contains(text))
                    .findFirst(),
            found -> found.isPresent())
        .orElseThrow();
  }

  private static OutboundReply whisper(String replyId, String text, String to) {
    return new OutboundReply(
        replyId, "info", "local", "#ops", null, null, to, "neutral", null, text, List.of(),
        List.of(), List.of(), Map.of());
  }
}
