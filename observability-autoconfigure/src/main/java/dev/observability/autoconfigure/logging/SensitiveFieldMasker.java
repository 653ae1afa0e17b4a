package dev.observability.autoconfigure.logging;

import net.logstash.logback.mask.FieldMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks the whole value of a field whose name is sensitive (MDC entries, structured arguments, markers).
 */
class SensitiveFieldMasker implements FieldMasker {

	private final SensitiveData sensitiveData;

	SensitiveFieldMasker(SensitiveData sensitiveData) {
		this.sensitiveData = sensitiveData;
	}

	@Override
	public Object mask(TokenStreamContext context) {
		return (context.hasCurrentName() && this.sensitiveData.isSensitiveField(context.currentName()))
				? this.sensitiveData.replacement() : null;
	}

}
