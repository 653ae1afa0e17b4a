package dev.observability.zeroconfig;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot web application that does nothing but depend on the starter: no observability configuration,
 * no application name, no Logback file. Kept outside the sample's package so none of its beans are scanned.
 */
@SpringBootApplication
public class ZeroConfigApplication {

	@RestController
	static class GreetingController {

		@GetMapping("/greetings/{name}")
		String greet(@PathVariable String name) {
			return "hello " + name;
		}

	}

}
