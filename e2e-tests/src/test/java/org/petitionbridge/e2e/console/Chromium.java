package org.petitionbridge.e2e.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and its ChromeDriver, installed by the test itself when the machine lacks them (as root, with
 * apt-get: a clean machine and CI get them this way), and started headless with the flags this machine's closed
 * network needs. Test tools' own browser downloads are never used.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** A Chinese font, so that the pages and their screenshots show Chinese rather than empty boxes. */
    static final Path CHINESE_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private Chromium() {
    }

    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (installed()) {
            return;
        }
        System.out.println("Installing Debian's chromium, chromium-driver and fonts-wqy-microhei for the console's "
                + "browser tests ...");
        run(List.of("apt-get", "update"));
        run(List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver",
                "fonts-wqy-microhei"));
        if (!installed()) {
            throw new IllegalStateException("the console's browser tests need " + BROWSER + ", " + DRIVER + " and "
                    + CHINESE_FONT + " (Debian packages chromium, chromium-driver and fonts-wqy-microhei); installing "
                    + "them failed: run 'apt-get install -y chromium chromium-driver fonts-wqy-microhei' as root");
        }
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER) && Files.exists(CHINESE_FONT);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(Duration.ofMinutes(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue()
                    + " (the console's browser tests install chromium as root)");
        }
    }

    /** A new headless browser with an empty profile, sized as the county's usual office screen (1366×768). */
    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1366,768", "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
