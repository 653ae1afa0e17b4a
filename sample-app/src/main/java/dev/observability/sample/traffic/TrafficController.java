package dev.observability.sample.traffic;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Lets an operator watch, start, re-rate and stop the traffic generator.
 */
@RestController
@RequestMapping("/admin/traffic")
class TrafficController {

	private final TrafficGenerator generator;

	TrafficController(TrafficGenerator generator) {
		this.generator = generator;
	}

	@GetMapping
	TrafficGenerator.Status status() {
		return this.generator.status();
	}

	/** Starts (or re-rates) the generator when {@code running} is true, stops it when false. */
	@PutMapping
	TrafficGenerator.Status change(@RequestBody TrafficChange change) {
		if (Boolean.FALSE.equals(change.running())) {
			this.generator.stop();
		}
		else {
			try {
				this.generator.start((change.rate() != null) ? change.rate() : this.generator.status().rate());
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
			}
		}
		return this.generator.status();
	}

	/**
	 * A change of the traffic generator.
	 *
	 * @param running whether it should send (default true)
	 * @param rate requests per second (default unchanged)
	 */
	record TrafficChange(Boolean running, Double rate) {

	}

}
