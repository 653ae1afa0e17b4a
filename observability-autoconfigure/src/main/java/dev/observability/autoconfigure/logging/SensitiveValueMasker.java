package dev.observability.autoconfigure.logging;

import net.logstash.logback.mask.ValueMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks sensitive parts of every string value written (messages, MDC values, arguments, error messages).
 */
class SensitiveValueMasker implements ValueMasker {

	private final SensitiveData sensitiveData;

	SensitiveValueMasker(SensitiveData sensitiveData) {
		this.sensitiveData = sensitiveData;
	}

	@Override
	public Object mask(TokenStreamContext context, Object value) {
		if (value instanceof CharSequence text) {
			String original = text.toString();
			String masked = this.sensitiveData.mask(original);
			return (masked != original) ? masked : null;
		}
		return null;
	}

}
