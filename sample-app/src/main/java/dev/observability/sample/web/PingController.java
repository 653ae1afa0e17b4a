package dev.observability.sample.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PingController {

	@GetMapping("/api/ping")
	String ping() {
		return "pong";
	}

}
