package com.runcascade.sample;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the trace viewer of the running sample with a real headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}). Without them the tests are skipped, unless
 * {@code CASCADE_REQUIRE_BROWSER} is set (as {@code .ci/run} does), where they fail. The first test
 * saves the screenshot docs/viewer.md shows, {@code docs/viewer.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceViewerBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String SCRIPT_PROMPT = "<script>window.__cascadePwned = true; document.title = 'pwned';</script>"
			+ "<img src=x onerror=\"window.__cascadePwned = true\"> Find me flights to Tokyo";

	private static WebDriver browser;

	private static Path profile;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && System.getenv("CASCADE_REQUIRE_BROWSER") != null) {
			throw new IllegalStateException("CASCADE_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: apt-get install -y chromium chromium-driver");
		}
		assumeTrue(installed, "Browser tests need Debian's chromium and chromium-driver");
		// Selenium must not look for a driver online, nor trace itself through OpenTelemetry.
		System.setProperty("webdriver.remote.enableTracing", "false");
		profile = Files.createTempDirectory("cascade-viewer-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-extensions", "--window-size=1440,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().window().setSize(new Dimension(1440, 900));
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			try (var files = Files.walk(profile)) {
				files.sorted(Collections.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@Test
	void showsTheSessionItsRunsAgentsLlmCallsToolsAndFunctionAndNeverRunsCapturedMarkup() throws Exception {
		String session = "viewer-demo-1";
		List<String> traces = new ArrayList<>();
		for (String message : List.of(SCRIPT_PROMPT, "What is the weather forecast in Tokyo?",
				"Thanks, book the cheaper flight")) {
			traces.add(chat(session, message));
		}

		browser.get(url("/cascade?session=" + session));
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until((driver) -> driver.findElements(By.cssSelector("section.run")).size() == 3);

		// The session in the list, with its three runs.
		WebElement selected = browser.findElement(By.cssSelector("li.session.selected"));
		assertThat(selected.getText()).contains(session, "3 runs");
		assertThat(browser.findElement(By.cssSelector(".session-head h1")).getText()).isEqualTo("Session " + session);

		// The runs in order, each a tree: run, both agents, LLM calls with tokens and cost, tools, the function.
		List<WebElement> runs = browser.findElements(By.cssSelector("section.run"));
		assertThat(runs).extracting((run) -> run.getAttribute("data-trace")).containsExactlyElementsOf(traces);
		WebElement first = runs.get(0);
		assertThat(first.findElement(By.cssSelector(".run-title")).getText()).isEqualTo("ChatTurn");
		assertThat(rowsOf(first, "run")).singleElement().satisfies((row) -> assertThat(row.getText()).contains("ChatTurn"));
		assertThat(rowsOf(first, "agent")).extracting(WebElement::getText)
			.anySatisfy((text) -> assertThat(text).contains("PlannerAgent"))
			.anySatisfy((text) -> assertThat(text).contains("ExecutorAgent"));
		List<WebElement> llmRows = rowsOf(first, "llm");
		assertThat(llmRows).hasSizeGreaterThanOrEqualTo(2).allSatisfy((row) -> {
			assertThat(row.getText()).contains("claude-sonnet-4").containsPattern("\\d+ / \\d+").contains("$");
		});
		// The offline emulator calls the first tool Spring AI offers, and Spring AI lists a bean's tools in reflection
		// order, which can differ between JVM runs: either of the sample's tools may be the one called.
		assertThat(rowsOf(first, "tool")).extracting(WebElement::getText)
			.anySatisfy((text) -> assertThat(text).containsAnyOf("search_flights", "weather_forecast"));
		assertThat(rowsOf(first, "function")).extracting(WebElement::getText)
			.anySatisfy((text) -> assertThat(text).contains("format_reply"));
		assertThat(first.findElement(By.cssSelector(".run-head")).getText()).contains("LLM", "tool", "agents: PlannerAgent, ExecutorAgent");
		assertThat(browser.findElement(By.cssSelector(".session-head")).getText()).contains("3 runs", "tokens in", "cost");

		// A click opens the details: the captured prompt shows as text, markup and all, and never runs.
		llmRows.get(0).click();
		WebElement details = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("details")));
		wait.until((driver) -> !details.findElements(By.cssSelector("pre.content")).isEmpty());
		assertThat(details.getText()).contains("llm.claude-sonnet-4", "llm.input_tokens", "cascade.session_id");
		assertThat(details.findElements(By.cssSelector("pre.content"))).extracting(WebElement::getText)
			.anySatisfy((text) -> assertThat(text).contains("<script>window.__cascadePwned = true;", "<img src=x onerror="));
		assertThat(details.findElements(By.tagName("script"))).isEmpty();
		assertThat(details.findElements(By.tagName("img"))).isEmpty();
		assertThat(browser.getTitle()).isEqualTo("Cascade traces");
		assertThat(((JavascriptExecutor) browser).executeScript("return window.__cascadePwned === undefined")).isEqualTo(true);

		saveScreenshot();

		// Tools and the function open too, with their input.
		rowsOf(first, "tool").get(0).click();
		wait.until((driver) -> !details.findElements(By.cssSelector("pre.content[data-key='tool.input']")).isEmpty());
		assertThat(details.findElement(By.cssSelector("pre.content[data-key='tool.input']")).getText()).contains("Tokyo");
	}

	@Test
	void newRunsAppearWithoutAReloadAndDeepLinksOpenATrace() throws Exception {
		String session = "viewer-demo-2";
		String firstTrace = chat(session, "Find me flights to Paris");
		browser.get(url("/cascade?session=" + session));
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until((driver) -> driver.findElements(By.cssSelector("section.run")).size() == 1);
		((JavascriptExecutor) browser).executeScript("window.__sameDocument = true");

		String secondTrace = chat(session, "And the weather in Paris?");
		wait.until((driver) -> driver.findElements(By.cssSelector("section.run")).size() == 2);
		assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true")).isEqualTo(true);
		assertThat(browser.findElements(By.cssSelector("section.run"))).extracting((run) -> run.getAttribute("data-trace"))
			.containsExactly(firstTrace, secondTrace);

		// Search by name keeps only the runs with a matching span; errors only hides runs without errors.
		browser.findElement(By.id("search")).sendKeys("format_reply");
		wait.until((driver) -> driver.findElements(By.cssSelector("tr.span-row:not(.dim)")).size() == 2);
		assertThat(browser.findElements(By.cssSelector("tr.span-row:not(.dim)"))).extracting(WebElement::getText)
			.allSatisfy((text) -> assertThat(text).contains("format_reply"));
		browser.findElement(By.id("search")).sendKeys("-no-such-span");
		wait.until((driver) -> driver.findElements(By.cssSelector("section.run")).isEmpty());
		assertThat(browser.findElement(By.id("main")).getText()).contains("No run matches the filters.");
		browser.findElement(By.id("search")).clear();
		browser.findElement(By.id("search")).sendKeys(" ");
		wait.until((driver) -> driver.findElements(By.cssSelector("section.run")).size() == 2);
		browser.findElement(By.id("errors-only")).click();
		wait.until((driver) -> driver.findElements(By.cssSelector("section.run")).isEmpty());
		browser.findElement(By.id("errors-only")).click();

		browser.get(url("/cascade?trace=" + secondTrace));
		wait.until((driver) -> !driver.findElements(By.cssSelector("section.run.focus")).isEmpty());
		assertThat(browser.findElement(By.cssSelector("section.run.focus")).getAttribute("data-trace")).isEqualTo(secondTrace);
		assertThat(browser.findElement(By.cssSelector("li.session.selected")).getText()).contains(session);
	}

	@Test
	void theChatPageLinksEachReplyToItsTraceAndTheSessionToItsView() {
		browser.get(url("/"));
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		browser.findElement(By.id("message")).sendKeys("Find me flights to Rome\n");
		WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".bot a.trace-link")));
		assertThat(link.getAttribute("href")).matches(".*/cascade\\?trace=[0-9a-f]{32}");
		String session = browser.findElement(By.id("session")).getText();
		assertThat(browser.findElement(By.id("viewer")).getAttribute("href")).endsWith("/cascade?session=" + session);
		browser.get(link.getAttribute("href"));
		wait.until((driver) -> !driver.findElements(By.cssSelector("section.run.focus")).isEmpty());
	}

	@Test
	void aClientThatIsNotOnLoopbackIsRefused() throws Exception {
		Optional<InetAddress> external = nonLoopbackAddress();
		assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
		String host = external.get().getHostAddress();
		HttpResponse<String> refused = this.http.send(
				HttpRequest.newBuilder(URI.create("http://" + host + ":" + this.port + "/cascade/api/sessions")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).isEmpty();
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(URI.create("http://" + host + ":" + this.port + "/cascade")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(403);
		// The same request from loopback is answered.
		assertThat(this.http
			.send(HttpRequest.newBuilder(URI.create(url("/cascade/api/sessions"))).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
	}

	private static List<WebElement> rowsOf(WebElement run, String type) {
		return run.findElements(By.cssSelector("tr.span-row[data-type='" + type + "']"));
	}

	private String chat(String session, String message) throws Exception {
		String body = "{\"message\":" + jsonString(message) + "}";
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url("/api/chat")))
			.header("Content-Type", "application/json")
			.header("X-Cascade-Session-Id", session)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		java.util.regex.Matcher traceId = java.util.regex.Pattern.compile("\"traceId\":\"([0-9a-f]{32})\"")
			.matcher(response.body());
		assertThat(traceId.find()).as("traceId in %s", response.body()).isTrue();
		return traceId.group(1);
	}

	private static String jsonString(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static void saveScreenshot() throws IOException {
		byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		Path docs = Path.of("..", "docs");
		// The Boot 3 variant of the sample runs these tests too; one screenshot, the Boot 4 line's, is enough.
		if (Files.isDirectory(docs) && Boolean.parseBoolean(System.getProperty("sample.save-screenshot", "true"))) {
			Files.write(docs.resolve("viewer.png"), png);
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
					return Optional.of(address);
				}
			}
		}
		return Optional.empty();
	}

}
