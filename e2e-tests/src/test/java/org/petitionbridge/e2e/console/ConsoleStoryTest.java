package org.petitionbridge.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
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
                // ECharts draws its canvas after the page loaded
                wait(clerk).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-monthly canvas")));
            }
            shot(clerk, "11-" + page);
        }
        // The CSV export of the whole filtered 台账 is the ledger's spreadsheet.
        clerk.get(stack.consoleUri() + "/cases");
        assertThat(clerk.findElement(By.id("export-csv")).getAttribute("href")).contains("/cases.csv");

        // Signing out signs out at the issuer too: the next person at this computer must sign in.
        clerk.findElement(By.cssSelector("header form button")).click();
        wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        clerk.get(stack.consoleUri() + "/cases");
        wait(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(clerk.findElements(By.id("me-name"))).isEmpty();
        shot(clerk, "18-signed-out");
    }

    @Test
    void theBureauAssignsWhatNoRuleCanPlaceTakesOnAWarningAndSeesWhoHasNotReportedAndTheLeaderOnlyReads()
            throws Exception {
        // What the pages will show: a petition no rule can place, five about one village's environment (a CLUSTER
        // warning), and a screening round nobody has reported to yet.
        String intake = "http://localhost:" + stack.intakePort() + "/api/v1/petitions";
        HttpResponse<String> unplaced = SharedStackAccess.post("hotline", intake, petition("990101002003", null,
                "征地以后又要强拆", "征地以后又要强拆，补偿标准不清楚。", "周一", "13700000001"));
        assertThat(unplaced.statusCode()).as(unplaced.body()).isEqualTo(201);
        String triaged = json(unplaced.body(), "petitionNo");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = SharedStackAccess.post("hotline", intake, petition("990101005001", "ENVIRONMENT",
                    "化工厂排污", "村边化工厂夜间排放污水，河水发黑发臭。", "吴" + "甲乙丙丁戊".charAt(i), "1370000001" + i));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        HttpResponse<String> round = SharedStackAccess.post("xfj", "http://localhost:" + stack.riskPort()
                + "/api/v1/screening/rounds", "{\"name\": \"十二月矛盾纠纷排查\", \"kind\": \"ROUTINE\", \"dueBy\": \""
                + java.time.OffsetDateTime.now().plusDays(7) + "\"}");
        assertThat(round.statusCode()).as(round.body()).isEqualTo(201);

        ChromeDriver head = signIn("xfj-head");
        // 分办: the petition waits; the preview says what routing would decide; the bureau assigns it to ZJJ.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            head.get(stack.consoleUri() + "/triage");
            return !head.findElements(By.id("triage-" + triaged)).isEmpty();
        });
        head.findElement(By.id("preview-" + triaged)).click();
        wait(head).until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-result-" + triaged)));
        shot(head, "12-triage-preview");
        new Select(head.findElement(By.id("lead-" + triaged))).selectByValue("ZJJ");
        WebElement reason = head.findElement(By.id("reason-" + triaged));
        reason.clear();
        reason.sendKeys("征地拆迁补偿由县住建局主办");
        head.findElement(By.id("assign-submit-" + triaged)).click();
        wait(head).until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            head.get(stack.consoleUri() + "/cases/" + triaged);
            return head.findElement(By.id("lead")).getText().equals("县住房和城乡建设局");
        });
        shot(head, "13-assigned-by-hand");

        // 预警: the CLUSTER warning of 北湖村, taken on by the bureau naming the person in charge.
        String warningId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            head.get(stack.consoleUri() + "/warnings");
            return head.findElements(By.cssSelector("article[id^='warning-']")).stream()
                    .filter(a -> a.getText().contains("化工厂") || a.getText().contains("北湖"))
                    .map(a -> a.getAttribute("id").substring("warning-".length())).findFirst().orElse(null);
        }, id -> id != null);
        shot(head, "14-warnings");
        head.findElement(By.id("person-" + warningId)).sendKeys("陈局长");
        head.findElement(By.id("acknowledge-submit-" + warningId)).click();
        wait(head).until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(head.findElement(By.id("status-" + warningId)).getText()).isNotBlank();

        // 排查: the round's coverage names who has not reported.
        head.get(stack.consoleUri() + "/screening");
        WebElement missing = wait(head).until(ExpectedConditions.visibilityOfElementLocated(By.id("missing-units")));
        assertThat(missing.getText()).contains("东河镇");
        shot(head, "15-screening");

        // The county leader reads the case and the figures and is offered no action and no identity.
        ChromeDriver leader = signIn("county-leader");
        leader.get(stack.consoleUri() + "/cases/" + triaged);
        wait(leader).until(ExpectedConditions.visibilityOfElementLocated(By.id("no-actions")));
        assertThat(leader.findElements(By.id("identity-form"))).isEmpty();
        shot(leader, "16-leader-case");
        leader.get(stack.consoleUri() + "/figures");
        wait(leader).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-monthly canvas")));
        shot(leader, "17-leader-figures");
    }

    private static String petition(String division, String category, String subject, String content, String name,
            String phone) {
        return "{\"channel\": \"PHONE\", \"divisionCode\": \"" + division + "\", "
                + (category == null ? "" : "\"category\": \"" + category + "\", ")
                + "\"subject\": \"" + subject + "\", \"content\": \"" + content + "\", "
                + "\"petitioners\": [{\"name\": \"" + name + "\", \"phone\": \"" + phone + "\"}]}";
    }

    private static String json(String body, String field) {
        return org.petitionbridge.events.EventCodec.mapper().readTree(body).get(field).asString();
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
