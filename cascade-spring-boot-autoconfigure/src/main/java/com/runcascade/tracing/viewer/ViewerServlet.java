package com.runcascade.tracing.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.support.JsonEngine;

/**
 * Serves the viewer page, its two static files and the JSON API under {@code /cascade}. It is a
 * servlet of its own, so the application's MVC setup (message converters, static resource
 * locations, interceptors) neither changes it nor is changed by it; the application's servlet
 * filters, Spring Security included, still apply.
 * <p>
 * Unless remote access is allowed, only requests made directly on this machine are answered:
 * <ul>
 * <li>A request that came through a proxy gets a 403 with a short text saying so: one with a
 * header that proxies add ({@link ProxyHeaders}), or in HTTP/1.0, which nginx's {@code proxy_pass}
 * speaks by default and browsers never do. A same-host proxy connects from loopback, so the address
 * alone would let the internet in. The headers are read on the container's own request (under
 * every wrapper, such as Spring's {@code ForwardedHeaderFilter}, which hides them) and, on Tomcat,
 * as they arrived ({@link FirstHopValve}), before its {@code RemoteIpValve} consumes them.</li>
 * <li>Any other client than a loopback one that addresses the server by a loopback name gets an
 * empty 403 (the Host check stops a DNS rebinding page from reading the API through the
 * developer's browser).</li>
 * </ul>
 */
final class ViewerServlet extends HttpServlet {

	static final String PATH = "/cascade";

	/** The servlet's name in the container, by which {@link FirstHopValve} knows its requests. */
	static final String NAME = "cascadeViewer";

	/** Request attribute holding the {@link FirstHop} that {@link FirstHopValve} saw. */
	static final String FIRST_HOP_ATTRIBUTE = ViewerServlet.class.getName() + ".firstHop";

	/** Set by Tomcat's RemoteIpValve on a request whose client address it may have taken from a header. */
	private static final String TOMCAT_FORWARDED_ATTRIBUTE = "org.apache.tomcat.request.forwarded";

	private static final String REWRITTEN = "the server rewrote its client address or host from a forwarding header";

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

	/** The pages are small maps and lists; Jackson's own default depth limit. */
	private final transient JsonEngine json = JsonEngine.detect(1000);

	ViewerServlet(ViewerSpanStore store, boolean allowRemote) {
		this.store = store;
		this.allowRemote = allowRemote;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		securityHeaders(response);
		if (!this.allowRemote) {
			String proxy = proxy(request);
			if (proxy != null) {
				refuseProxied(response, proxy);
				return;
			}
			if (!isDirectFromLoopback(request)) {
				response.setStatus(HttpServletResponse.SC_FORBIDDEN);
				return;
			}
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
		byte[] bytes = this.json.toJson(body).getBytes(StandardCharsets.UTF_8);
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

	/**
	 * What shows that the request came through a proxy, or null when nothing does. A proxy that
	 * speaks HTTP/1.1 and adds none of these headers cannot be told from a local client.
	 */
	static @Nullable String proxy(HttpServletRequest request) {
		ServletRequest container = containerRequest(request);
		if (request.getAttribute(FIRST_HOP_ATTRIBUTE) instanceof FirstHop firstHop) {
			if (firstHop.proxyHeader() != null) {
				return firstHop.proxyHeader() + " header";
			}
			if (!firstHop.peerAddress().equals(container.getRemoteAddr())
					|| !firstHop.serverName().equals(container.getServerName())) {
				return REWRITTEN;
			}
		}
		else if (container.getAttribute(TOMCAT_FORWARDED_ATTRIBUTE) != null) {
			// Tomcat's RemoteIpValve ran and no valve of ours saw the headers before it removed them.
			return REWRITTEN;
		}
		String header = ProxyHeaders.find(request.getHeaderNames());
		if (header == null && container instanceof HttpServletRequest http) {
			header = ProxyHeaders.find(http.getHeaderNames());
		}
		if (header != null) {
			return header + " header";
		}
		if ("HTTP/1.0".equals(request.getProtocol()) || "HTTP/1.0".equals(container.getProtocol())) {
			return "HTTP/1.0, which nginx's proxy_pass sends by default";
		}
		return null;
	}

	/**
	 * Whether a loopback client sent the request and addressed the server by a loopback name, as
	 * the application, the container and (on Tomcat) the connection itself see it.
	 */
	static boolean isDirectFromLoopback(HttpServletRequest request) {
		ServletRequest container = containerRequest(request);
		if (request.getAttribute(FIRST_HOP_ATTRIBUTE) instanceof FirstHop firstHop
				&& !(isLoopbackAddress(firstHop.peerAddress()) && isLoopbackHost(firstHop.serverName()))) {
			return false;
		}
		return isLoopbackAddress(request.getRemoteAddr()) && isLoopbackHost(request.getServerName())
				&& isLoopbackAddress(container.getRemoteAddr()) && isLoopbackHost(container.getServerName());
	}

	/** The container's own request under the wrappers that filters put around it. */
	private static ServletRequest containerRequest(ServletRequest request) {
		ServletRequest current = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			current = wrapper.getRequest();
		}
		return current;
	}

	private static void refuseProxied(HttpServletResponse response, String proxy) throws IOException {
		byte[] body = ("Cascade trace viewer: refused, this request came through a proxy (" + proxy
				+ "). The viewer answers only requests made directly on the machine the application runs on;"
				+ " see cascade.viewer.allow-remote.\n")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType("text/plain;charset=utf-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
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

	/**
	 * The request as it reached the container, before any other valve or filter: the connection's
	 * peer address, the server name it asked for and the proxy header it carried, if any.
	 */
	record FirstHop(String peerAddress, String serverName, @Nullable String proxyHeader) {
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
