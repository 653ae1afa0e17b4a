package dev.observability.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InvalidPropertyFailureAnalyzerTests {

	@Test
	void describesKeyValueAndWhatIsAllowedEvenWhenWrapped() {
		InvalidPropertyException cause = new InvalidPropertyException("observability.http.apdex-threshold", "-1s",
				"a positive duration such as 300ms or 1s");
		FailureAnalysis analysis = new InvalidPropertyFailureAnalyzer()
			.analyze(new BeanCreationException("observabilityProperties", "Init failed", cause));
		assertThat(analysis.getDescription()).contains("Property: observability.http.apdex-threshold")
			.contains("Value:    -1s")
			.contains("Allowed:  a positive duration such as 300ms or 1s");
		assertThat(analysis.getAction()).contains("observability.http.apdex-threshold")
			.contains("a positive duration");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(new InvalidPropertyFailureAnalyzer().analyze(new IllegalStateException("boom"))).isNull();
	}

	@Test
	void propertyChecksNameKeyValueAndAllowed() {
		assertThatExceptionOfType(InvalidPropertyException.class)
			.isThrownBy(() -> PropertyChecks.positive("a.b", Duration.ofSeconds(-1)))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("a.b"))
			.withMessage("Invalid value '-1000ms' for property 'a.b': a positive duration such as 300ms or 1s");
		assertThatExceptionOfType(InvalidPropertyException.class).isThrownBy(() -> PropertyChecks.atLeast("n", 0, 1))
			.withMessageContaining("an integer of at least 1");
		assertThatExceptionOfType(InvalidPropertyException.class)
			.isThrownBy(() -> PropertyChecks.labelName("t", "__reserved"))
			.withMessageContaining("not starting with '__'");
		assertThatExceptionOfType(InvalidPropertyException.class).isThrownBy(() -> PropertyChecks.labelName("t", "a-b"));
		assertThat(PropertyChecks.labelName("t", "payment.method")).isEqualTo("payment.method");
		assertThat(PropertyChecks.labelName("t", "_channel")).isEqualTo("_channel");
	}

}
