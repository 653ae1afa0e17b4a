package dev.observability.sample.faults;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an operator read and change the injected faults without a restart.
 */
@RestController
@RequestMapping("/admin/faults")
class FaultsController {

	private final FaultInjector injector;

	FaultsController(FaultInjector injector) {
		this.injector = injector;
	}

	@GetMapping
	FaultsBody get() {
		return FaultsBody.of(this.injector.current());
	}

	/** Changes the fields given; a field left out keeps its current value. */
	@PutMapping
	FaultsBody put(@RequestBody FaultsBody update) {
		synchronized (this.injector) {
			Faults current = this.injector.current();
			Faults updated = new Faults((update.errorRate() != null) ? update.errorRate() : current.errorRate(),
					(update.extraLatency() != null) ? parse(update.extraLatency()) : current.extraLatency(),
					(update.pathPrefix() != null) ? update.pathPrefix() : current.pathPrefix());
			this.injector.apply(updated);
			return FaultsBody.of(updated);
		}
	}

	/** Puts the start-up faults back in force. */
	@DeleteMapping
	FaultsBody reset() {
		synchronized (this.injector) {
			return FaultsBody.of(this.injector.reset());
		}
	}

	private static Duration parse(String value) {
		try {
			return DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFaultsException("extraLatency", value, "a duration such as 200ms or 1s");
		}
	}

	/**
	 * Faults as the admin API reads and writes them.
	 *
	 * @param errorRate ratio (0 to 1) of requests under the path prefix that fail with HTTP 500
	 * @param extraLatency latency added to requests under the path prefix, e.g. {@code 200ms}
	 * @param pathPrefix path prefix of the requests that faults apply to
	 */
	record FaultsBody(Double errorRate, String extraLatency, String pathPrefix) {

		static FaultsBody of(Faults faults) {
			return new FaultsBody(faults.errorRate(), faults.extraLatency().toMillis() + "ms", faults.pathPrefix());
		}

	}

}
