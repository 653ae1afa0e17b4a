package dev.observability.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidPropertyException} as a start-up failure that names the key, the value and what
 * is allowed, instead of a stack trace.
 */
class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPropertyException cause) {
		String description = String.format("Invalid observability configuration:%n%n    Property: %s%n    Value:    %s%n    Allowed:  %s%n",
				cause.getKey(), cause.getValue(), cause.getAllowed());
		String action = String.format("Update '%s' in your application's configuration to %s.", cause.getKey(),
				cause.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

}
