package com.runcascade.tracing.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the viewer page, its two static files and the JSON API under {@code /cascade}. It is a
 * servlet of its own, so the application's MVC setup (message converters, static resource
 * locations, interceptors) neither changes it nor is changed by it; the application's servlet
 * filters, Spring Security included, still apply.
 * <p>
 * Unless remote access is allowed, only loopback clients that address the server by a loopback
 * name are answered (the Host check stops a DNS rebinding page from reading the API through the
 * developer's browser); everyone else gets an empty 403.
 */
final class ViewerServlet extends HttpServlet {

	private static final Log logger = LogFactory.getLog(ViewerServlet.class);

	static final String PATH = "/cascade";

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.%]+");

	private static final Map<String, Asset> ASSETS = Map.of("/viewer.js",
			Asset.load("viewer.js", "text/javascript;charset=utf-8"), "/viewer.css",
			Asset.load("viewer.css", "text/css;charset=utf-8"));

	private static final Asset PAGE = Asset.load("index.html", "text/html;charset=utf-8");

	private final transient ViewerSpanStore store;

	private final boolean allowRemote;

	private final transient JsonMapper json = JsonMapper.builder().build();

	ViewerServlet(ViewerSpanStore store, boolean allowRemote) {
		this.store = store;
		this.allowRemote = allowRemote;
	}

	@Override
	public void init() {
		logger.info("Cascade trace viewer at " + getServletContext().getContextPath() + PATH
				+ (this.allowRemote ? " (remote clients allowed)" : " (loopback clients only)"));
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		securityHeaders(response);
		if (!isAllowed(request)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		String path = request.getPathInfo();
		if (path == null) {
			PAGE.write(response);
			return;
		}
		if (path.equals("/")) {
			// The page's links are relative to /cascade; one canonical address keeps them right.
			String query = request.getQueryString();
			response.sendRedirect(request.getContextPath() + PATH + ((query != null) ? "?" + query : ""));
			return;
		}
		Asset asset = ASSETS.get(path);
		if (asset != null) {
			asset.write(response);
			return;
		}
		if (path.equals("/api/sessions")) {
			writeJson(response, TraceViews.sessions(this.store));
		}
		else if (path.equals("/api/traces")) {
			writeJson(response, TraceViews.traces(this.store, request.getParameter("session")));
		}
		else if (path.startsWith("/api/traces/") && TRACE_ID.matcher(path.substring(12)).matches()) {
			Map<String, Object> trace = TraceViews.trace(this.store, path.substring(12));
			if (trace == null) {
				response.setStatus(HttpServletResponse.SC_NOT_FOUND);
				return;
			}
			writeJson(response, trace);
		}
		else {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		}
	}

	private void writeJson(HttpServletResponse response, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setContentType("application/json");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static void securityHeaders(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
		response.setHeader("Cache-Control", "no-store");
	}

	boolean isAllowed(HttpServletRequest request) {
		return this.allowRemote || (isLoopbackAddress(request.getRemoteAddr()) && isLoopbackHost(request.getServerName()));
	}

	/** Whether an IP literal is a loopback address; anything else (even a name) is not. */
	static boolean isLoopbackAddress(@Nullable String address) {
		if (address == null || !IP_LITERAL.matcher(address).matches()) {
			return false;
		}
		try {
			// An IP literal is parsed, never looked up.
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
	}

	/** Whether the Host the client used names this machine's loopback interface. */
	static boolean isLoopbackHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.equals("localhost") || name.endsWith(".localhost") || isLoopbackAddress(name);
	}

	/** A static file of the page, read from the jar once. */
	private record Asset(byte[] content, String contentType) {

		static Asset load(String name, String contentType) {
			String resource = "/META-INF/cascade-viewer/" + name;
			try (InputStream in = ViewerServlet.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("Missing " + resource + " in the Cascade jar");
				}
				return new Asset(in.readAllBytes(), contentType);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void write(HttpServletResponse response) throws IOException {
			response.setContentType(this.contentType);
			response.setContentLength(this.content.length);
			response.getOutputStream().write(this.content);
		}

	}

}
