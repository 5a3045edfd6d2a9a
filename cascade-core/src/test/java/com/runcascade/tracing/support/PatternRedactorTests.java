package com.runcascade.tracing.support;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PatternRedactorTests {

	private final PatternRedactor secrets = PatternRedactor.secrets();

	@ParameterizedTest
	@ValueSource(strings = { "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
			"sk-proj-AbCdEfGhIjKlMnOpQrStUvWx", "sk-AbCdEfGhIjKlMnOpQrStUvWx", "AKIAIOSFODNN7EXAMPLE",
			"ASIAIOSFODNN7EXAMPLE", "AIzaSyA-1234567890abcdefghijklmnopqrstu",
			"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "xoxb-1234567890-abcdefghij",
			"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "bearer abcdefgh12345678" })
	void builtInSecretsAreRedactedWhereverTheyAppearInText(String secret) {
		String redacted = this.secrets.redact("before " + secret + " after");
		assertThat(redacted).isEqualTo("before [REDACTED] after").doesNotContain(secret);
	}

	@Test
	void aPrivateKeyBlockIsRedactedWholeEvenWhenCutOff() {
		String block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAAA\n-----END RSA PRIVATE KEY-----";
		assertThat(this.secrets.redact("key:\n" + block + "\nend")).isEqualTo("key:\n[REDACTED]\nend");
		assertThat(this.secrets.redact("key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg")).isEqualTo("key: [REDACTED]");
	}

	@Test
	void ordinaryTextIsLeftAloneAndReturnedAsTheSameInstance() {
		String text = "Find flights from JFK to NRT on 2026-03-01 for 2 adults, task-12345, skeleton key";
		assertThat(this.secrets.redact(text)).isSameAs(text);
		String withPersonalData = "mail ann@example.com or call +1 415 555 2671 from 10.0.0.1";
		assertThat(this.secrets.redact(withPersonalData)).isSameAs(withPersonalData);
	}

	@Test
	void presetsAreOptIn() {
		PatternRedactor redactor = new PatternRedactor(true, List.of("email", "credit-card", "phone", "ip"), List.of(),
				"[REDACTED]");
		assertThat(redactor.redact("mail ann.lee+x@mail.example.co.uk now")).isEqualTo("mail [REDACTED] now");
		assertThat(redactor.redact("card 4111 1111 1111 1111 ok")).isEqualTo("card [REDACTED] ok");
		assertThat(redactor.redact("card 4111-1111-1111-1111")).isEqualTo("card [REDACTED]");
		assertThat(redactor.redact("order 4111111111111112 ok")).as("not Luhn-valid").isEqualTo("order 4111111111111112 ok");
		assertThat(redactor.redact("call +1 415 555 2671 or (415) 555-2671")).isEqualTo("call [REDACTED] or [REDACTED]");
		assertThat(redactor.redact("from 192.168.1.20 and 2001:db8::8a2e:370:7334 and fe80:0:0:0:0:0:0:1"))
			.isEqualTo("from [REDACTED] and [REDACTED] and [REDACTED]");
		assertThat(redactor.redact("on 2026-03-01 at 12:30:45, version 1.2.3, 3 adults"))
			.isEqualTo("on 2026-03-01 at 12:30:45, version 1.2.3, 3 adults");
	}

	@Test
	void customPatternsAndReplacementApply() {
		PatternRedactor redactor = new PatternRedactor(false, List.of(), List.of("ACME-\\d{6}", "(?i)password=\\S+"),
				"<REDACTED>");
		assertThat(redactor.redact("ticket ACME-123456 with PASSWORD=hunter2 sk-AbCdEfGhIjKlMnOpQrStUvWx"))
			.isEqualTo("ticket <REDACTED> with <REDACTED> sk-AbCdEfGhIjKlMnOpQrStUvWx");
	}

	@Test
	void anUnknownPresetOrAnInvalidPatternIsAClearError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PatternRedactor(true, List.of("ssn"), List.of(), "[REDACTED]"))
			.withMessageContaining("Unknown cascade.redact.presets entry 'ssn'")
			.withMessageContaining("credit-card");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PatternRedactor(true, List.of(), List.of("(unclosed"), "[REDACTED]"))
			.withMessageContaining("Invalid cascade.redact.patterns entry");
	}

	@Test
	void nothingOnMeansInactive() {
		PatternRedactor none = new PatternRedactor(false, List.of(), List.of(), "x");
		assertThat(none.isActive()).isFalse();
		assertThat(none.redact("sk-AbCdEfGhIjKlMnOpQrStUvWx")).isEqualTo("sk-AbCdEfGhIjKlMnOpQrStUvWx");
	}

}
