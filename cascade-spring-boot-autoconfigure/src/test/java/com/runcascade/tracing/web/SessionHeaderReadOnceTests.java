package com.runcascade.tracing.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session header is read once per request: the sampling filter (servlet) or handler (WebFlux)
 * that runs first hands what it read to the session filter, which reads the header itself only
 * when no sampling filter ran. The filters are the ones the auto-configuration registers, in the
 * order the server runs them, and each request counts how often its session header is read.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionHeaderReadOnceTests {

	private static final String HEADER = "X-Cascade-Session-Id";

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			BootLine.OPEN_TELEMETRY_SDK, BootLine.OPEN_TELEMETRY_TRACING,
			CascadeAutoConfiguration.class, CascadeWebAutoConfiguration.class);

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void theServletSessionFilterTakesTheHeaderTheSamplingFilterRead() {
		this.servletRunner.run((context) -> {
			CountingServletRequest request = new CountingServletRequest("chat-1");
			MockHttpServletResponse response = new MockHttpServletResponse();
			String seen = serve(context, request, response, filter(context, "cascadeSessionSamplingFilter"),
					filter(context, "cascadeSessionFilter"));
			assertThat(seen).isEqualTo("chat-1");
			assertThat(response.getHeader(HEADER)).isEqualTo("chat-1");
			assertThat(request.sessionHeaderReads).hasValue(1);
		});
	}

	@Test
	void theServletSessionFilterStillWarnsOnceAboutAnInvalidHeader(CapturedOutput output) {
		this.servletRunner.withPropertyValues("cascade.session.header=X-Invalid-Once").run((context) -> {
			CountingServletRequest request = new CountingServletRequest("X-Invalid-Once", "bad value<script>");
			MockHttpServletResponse response = new MockHttpServletResponse();
			String seen = serve(context, request, response, filter(context, "cascadeSessionSamplingFilter"),
					filter(context, "cascadeSessionFilter"));
			assertThat(seen).isNull();
			assertThat(response.getHeader("X-Invalid-Once")).isNull();
			assertThat(request.sessionHeaderReads).hasValue(1);
			assertThat(output.getOut().split("Cascade ignored the X-Invalid-Once request header because character 4"))
				.hasSize(2);
			assertThat(output).doesNotContain("<script>");
		});
	}

	@Test
	void theServletSessionFilterReadsTheHeaderItselfWithoutTheSamplingFilter() {
		this.servletRunner.run((context) -> {
			CountingServletRequest request = new CountingServletRequest("chat-2");
			MockHttpServletResponse response = new MockHttpServletResponse();
			String seen = serve(context, request, response, filter(context, "cascadeSessionFilter"));
			assertThat(seen).isEqualTo("chat-2");
			assertThat(response.getHeader(HEADER)).isEqualTo("chat-2");
			assertThat(request.sessionHeaderReads).hasValue(1);
		});
	}

	@Test
	void theReactiveSessionFilterTakesTheHeaderTheSamplingHandlerRead() {
		this.reactiveRunner.run((context) -> {
			HttpHandlerDecoratorFactory sampling = context.getBean("cascadeReactiveSessionSampling",
					HttpHandlerDecoratorFactory.class);
			CountingHeaders headers = new CountingHeaders("chat-3");
			MockServerHttpResponse response = new MockServerHttpResponse();
			sampling.apply(reactiveApplication(context)).handle(request(headers), response).block();
			assertThat(response.getHeaders().getFirst(HEADER)).isEqualTo("chat-3");
			assertThat(headers.sessionHeaderReads).hasValue(1);
		});
	}

	@Test
	void theReactiveSessionFilterReadsTheHeaderItselfWithoutTheSamplingHandler() {
		this.reactiveRunner.run((context) -> {
			CountingHeaders headers = new CountingHeaders("chat-4");
			MockServerHttpResponse response = new MockServerHttpResponse();
			reactiveApplication(context).handle(request(headers), response).block();
			assertThat(response.getHeaders().getFirst(HEADER)).isEqualTo("chat-4");
			assertThat(headers.sessionHeaderReads).hasValue(1);
		});
	}

	private static Filter filter(ApplicationContext context, String name) {
		return context.getBean(name, FilterRegistrationBean.class).getFilter();
	}

	/** Runs the filters in order around a servlet; returns the session the servlet saw. */
	private static @Nullable String serve(ApplicationContext context, MockHttpServletRequest request,
			MockHttpServletResponse response, Filter... filters) throws Exception {
		CascadeTracer tracer = context.getBean(CascadeTracer.class);
		AtomicReference<String> seen = new AtomicReference<>();
		HttpServlet servlet = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				seen.set(tracer.currentSessionId());
			}

		};
		new MockFilterChain(servlet, filters).doFilter(request, response);
		return seen.get();
	}

	/** Spring's handler that runs the session filter, as WebFlux builds it. */
	private static HttpHandler reactiveApplication(ApplicationContext context) {
		WebFilter filter = context.getBean("cascadeReactiveSessionFilter", WebFilter.class);
		return WebHttpHandlerBuilder.webHandler((exchange) -> Mono.empty()).filter(filter).build();
	}

	private static ServerHttpRequest request(HttpHeaders headers) {
		return new ServerHttpRequestDecorator(MockServerHttpRequest.get("/chat").build()) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

	/** A servlet request that counts the reads of its session header. */
	private static final class CountingServletRequest extends MockHttpServletRequest {

		final AtomicInteger sessionHeaderReads = new AtomicInteger();

		private final String header;

		CountingServletRequest(String id) {
			this(HEADER, id);
		}

		CountingServletRequest(String header, String id) {
			super("POST", "/chat");
			this.header = header;
			addHeader(header, id);
		}

		@Override
		public @Nullable String getHeader(String name) {
			if (this.header.equalsIgnoreCase(name)) {
				this.sessionHeaderReads.incrementAndGet();
			}
			return super.getHeader(name);
		}

	}

	/** Request headers that count the reads of the session header. */
	private static final class CountingHeaders extends HttpHeaders {

		final AtomicInteger sessionHeaderReads = new AtomicInteger();

		CountingHeaders(String id) {
			set(HEADER, id);
		}

		@Override
		public @Nullable String getFirst(String name) {
			count(name);
			return super.getFirst(name);
		}

		// No @Override on the two: Spring 7 reads through get(String), Spring 6.2 (Boot 3.5), whose HttpHeaders is a
		// MultiValueMap, through get(Object); on each line one of them overrides and the other is an unused overload.
		public @Nullable List<String> get(String name) {
			count(name);
			return super.get(name);
		}

		public @Nullable List<String> get(Object name) {
			return (name instanceof String header) ? get(header) : null;
		}

		private void count(String name) {
			if (HEADER.equalsIgnoreCase(name)) {
				this.sessionHeaderReads.incrementAndGet();
			}
		}

	}

}
