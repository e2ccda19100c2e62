package switchboard.testkit.connectors;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver for page tests (packages {@code chromium} and {@code
 * chromium-driver}; {@code .ci/run} installs them). Pointing Selenium at both binaries keeps
 * Selenium Manager from trying to download a browser or a driver, which the build machines cannot.
 */
public final class HeadlessChromium {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private HeadlessChromium() {}

  /**
   * A new headless browser with a fresh profile under {@code profileDir}; the caller quits it.
   * Without the background-networking flags Chromium floods the closed network with connections.
   */
  public static WebDriver start(Path profileDir) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(profileDir.resolve("chromium")));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    return new ChromeDriver(service, options);
  }
}
