package dev.observability.autoconfigure.slo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SloServerRequestObservationHandlerTests {

	@Test
	void serverErrorIsA5xxOrAnExceptionWithoutAClientErrorStatus() {
		assertThat(SloServerRequestObservationHandler.isServerError(500, null)).isTrue();
		assertThat(SloServerRequestObservationHandler.isServerError(503, null)).isTrue();
		assertThat(SloServerRequestObservationHandler.isServerError(200, new IllegalStateException())).isTrue();
		assertThat(SloServerRequestObservationHandler.isServerError(0, new IllegalStateException())).isTrue();
		assertThat(SloServerRequestObservationHandler.isServerError(400, new IllegalArgumentException())).isFalse();
		assertThat(SloServerRequestObservationHandler.isServerError(404, null)).isFalse();
		assertThat(SloServerRequestObservationHandler.isServerError(200, null)).isFalse();
	}

}
