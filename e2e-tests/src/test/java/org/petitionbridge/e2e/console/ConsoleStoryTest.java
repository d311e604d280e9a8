package org.petitionbridge.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.petitionbridge.e2e.SharedStackAccess;
import org.petitionbridge.localstack.LocalStack;

/**
 * The console's story in a real headless Chromium against the running local stack, as people do it: the bureau's
 * clerk signs in at the issuer, registers a visit (first with a wrong phone number, shown beside its field), finds it
 * in the 台账 assigned to RSJ; RSJ's officer signs in, acknowledges (a second, stale acknowledgement is refused with
 * the rule's Chinese text) and replies, and cannot open a ZJJ case (not found, as the API answers); the clerk reads
 * the petitioner's identity with a purpose, sees the whole history, records the 回访 and closes the case (销号). A
 * screenshot of each page is written under {@code target/console-screenshots}.
 */
class ConsoleStoryTest {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static LocalStack.Options stack;
    static final List<ChromeDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Chromium.ensureInstalled();
        stack = SharedStackAccess.options();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        browsers.forEach(ChromeDriver::quit);
    }

    @Test
    void theClerkRegistersAVisitRsjAcknowledgesAndRepliesAndTheClerkClosesIt() throws Exception {
        ChromeDriver clerk = signIn("xfj-clerk");
        shot(clerk, "01-ledger-empty");

        // A visit, first with a phone number intake refuses: the error stands beside the field; nothing registered.
        clerk.get(stack.consoleUri() + "/register");
        new Select(clerk.findElement(By.id("channel"))).selectByValue("VISIT");
        new Select(clerk.findElement(By.id("divisionCode"))).selectByValue("990101002001");
        new Select(clerk.findElement(By.id("category"))).selectByValue("WAGE_ARREARS");
        clerk.findElement(By.id("subject")).sendKeys("包工头拖欠农民工工资");
        clerk.findElement(By.id("content")).sendKeys("在东河村工地干活三个月，包工头一直拖欠工钱。");
        clerk.findElement(By.id("name")).sendKeys("钱多多");
        clerk.findElement(By.id("phone")).sendKeys("12345");
        clerk.findElement(By.id("register-submit")).click();
        WebElement phoneError = wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("error-petitioners[0].phone")));
        assertThat(phoneError.getText()).isNotBlank();
        assertThat(clerk.findElement(By.id("subject")).getAttribute("value")).isEqualTo("包工头拖欠农民工工资");
        shot(clerk, "02-register-refused");
        WebElement phone = clerk.findElement(By.id("phone"));
        phone.clear();
        phone.sendKeys("13912340001");
        clerk.findElement(By.id("register-submit")).click();
        String petitionNo = wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("registered-no")))
                .getText();
        assertThat(petitionNo).startsWith("XF990101-");
        assertThat(clerk.findElement(By.id("tracking-code")).getText()).isNotBlank();
        shot(clerk, "03-registered");

        // A housing matter too, which the housing bureau (ZJJ) handles.
        String zjjCase = register(clerk, "HOUSING_DEMOLITION", "拆迁补偿款未发放", "老房子拆迁的补偿款一直没有发放到位。",
                "孙小二", "13912340002");

        // In the 台账, assigned to RSJ (routing and the ledger take a moment).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            clerk.get(stack.consoleUri() + "/cases");
            List<WebElement> rows = clerk.findElements(By.cssSelector("tr[data-petition='" + petitionNo + "']"));
            return !rows.isEmpty() && rows.get(0).findElement(By.className("lead")).getText().equals("县人力资源和社会保障局")
                    && rows.get(0).findElement(By.className("status")).getText().equals("已交办");
        });
        shot(clerk, "04-ledger");

        // RSJ's officer: acknowledges, then a stale second acknowledgement is refused with the rule's words.
        ChromeDriver officer = signIn("rsj-officer");
        officer.get(stack.consoleUri() + "/cases/" + petitionNo);
        wait(officer).until(ExpectedConditions.visibilityOfElementLocated(By.id("action-ACKNOWLEDGE")));
        shot(officer, "05-case-assigned");
        officer.findElement(By.id("ACKNOWLEDGE-responsiblePerson")).sendKeys("王科长");
        new Select(officer.findElement(By.id("ACKNOWLEDGE-notifiedBy"))).selectByValue("PHONE");
        String stalePage = officer.getCurrentUrl();
        officer.findElement(By.id("submit-ACKNOWLEDGE")).click();
        wait(officer).until(ExpectedConditions.textToBe(By.id("case-status"), "已签收"));
        assertThat(officer.findElement(By.id("notice")).getText()).contains("签收");
        officer.get(stalePage);
        // the refreshed page no longer offers ACKNOWLEDGE: send the stale form as it was
        officer.executeScript("""
                const f = document.createElement('form'); f.method = 'post'; f.action = location.pathname + '/act';
                for (const [k, v] of [['type', 'ACKNOWLEDGE'], ['responsiblePerson', '王科长'], ['notifiedBy', 'PHONE'],
                    ['_csrf', document.querySelector('input[name=_csrf]').value]]) {
                  const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i);
                }
                document.body.appendChild(f); f.submit();""");
        WebElement refusal = wait(officer).until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertThat(refusal.getText()).contains("签收须在交办（ASSIGNED）之后").contains("acknowledge-needs-assignment");
        shot(officer, "06-refused-with-rule");

        // The reply: first without the facts (refused field by field), then complete.
        officer.get(stack.consoleUri() + "/cases/" + petitionNo);
        new Select(wait(officer).until(ExpectedConditions.visibilityOfElementLocated(By.id("REPLY-outcome"))))
                .selectByValue("SUPPORT");
        officer.findElement(By.id("REPLY-reasons")).sendKeys("包工头应予支付");
        officer.findElement(By.id("REPLY-legalBasis")).sendKeys("《保障农民工工资支付条例》");
        officer.findElement(By.id("submit-REPLY")).click();
        assertThat(wait(officer).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-facts"))).getText())
                .isNotBlank();
        officer.findElement(By.id("REPLY-facts")).sendKeys("经查属实，拖欠三个月工资");
        officer.findElement(By.id("submit-REPLY")).click();
        wait(officer).until(ExpectedConditions.textToBe(By.id("case-status"), "已答复"));
        shot(officer, "07-replied");

        // ZJJ's case does not exist for RSJ: the console answers as the API does.
        officer.get(stack.consoleUri() + "/cases/" + zjjCase);
        assertThat(wait(officer).until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found"))).getText())
                .contains("未找到");
        assertThat(officer.getPageSource()).doesNotContain("拆迁补偿款未发放");
        shot(officer, "08-other-department-not-found");
        // and RSJ's 台账 holds only its own
        officer.get(stack.consoleUri() + "/cases");
        assertThat(officer.findElements(By.cssSelector("tr[data-petition='" + zjjCase + "']"))).isEmpty();
        assertThat(officer.findElements(By.cssSelector("tr[data-petition='" + petitionNo + "']"))).hasSize(1);

        // The clerk: the identity with a purpose (recorded), the whole history, the 回访, and 销号.
        clerk.get(stack.consoleUri() + "/cases/" + petitionNo);
        clerk.findElement(By.id("purpose")).sendKeys("电话回访信访人");
        clerk.findElement(By.cssSelector("#identity-form button")).click();
        WebElement identity = wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("identity")));
        assertThat(identity.getText()).contains("钱多多", "13912340001", "审计日志");
        shot(clerk, "09-identity-read");
        List<String> history = clerk.findElements(By.cssSelector("#history li")).stream()
                .map(li -> li.getAttribute("data-action")).toList();
        assertThat(history).contains("ACKNOWLEDGE", "REPLY");
        new Select(clerk.findElement(By.id("EVALUATE-satisfaction"))).selectByValue("SATISFIED");
        clerk.findElement(By.id("submit-EVALUATE")).click();
        wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        clerk.findElement(By.id("submit-CLOSE")).click();
        wait(clerk).until(ExpectedConditions.textToBe(By.id("case-status"), "已销号"));
        assertThat(clerk.findElements(By.cssSelector("#history li")).stream().map(li -> li.getAttribute("data-action"))
                .toList()).contains("EVALUATE", "CLOSE");
        shot(clerk, "10-closed");

        // The clerk's other pages, each rendered (a screenshot of each).
        for (String page : List.of("triage", "figures", "warnings", "screening")) {
            clerk.get(stack.consoleUri() + "/" + page);
            wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("me-name")));
            assertThat(clerk.getTitle()).doesNotContain("Error").doesNotContain("未找到");
            if (page.equals("figures")) {
                Thread.sleep(500);   // ECharts draws after the page loads (the only wait that is not a condition)
            }
            shot(clerk, "11-" + page);
        }
        // The CSV export of the whole filtered 台账 is the ledger's spreadsheet.
        clerk.get(stack.consoleUri() + "/cases");
        assertThat(clerk.findElement(By.id("export-csv")).getAttribute("href")).contains("/cases.csv");
    }

    private ChromeDriver signIn(String username) throws Exception {
        ChromeDriver browser = Chromium.start(Files.createTempDirectory("chromium-" + username));
        browsers.add(browser);
        browser.get(stack.consoleUri() + "/cases");
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        shot(browser, "00-login-" + username);
        browser.findElement(By.id("password")).sendKeys(username + "-demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("me-name")));
        return browser;
    }

    private String register(ChromeDriver clerk, String category, String subject, String content, String name,
            String phone) {
        clerk.get(stack.consoleUri() + "/register");
        new Select(clerk.findElement(By.id("divisionCode"))).selectByValue("990101002001");
        new Select(clerk.findElement(By.id("category"))).selectByValue(category);
        clerk.findElement(By.id("subject")).sendKeys(subject);
        clerk.findElement(By.id("content")).sendKeys(content);
        clerk.findElement(By.id("name")).sendKeys(name);
        clerk.findElement(By.id("phone")).sendKeys(phone);
        clerk.findElement(By.id("register-submit")).click();
        return wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("registered-no"))).getText();
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static void shot(ChromeDriver browser, String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
