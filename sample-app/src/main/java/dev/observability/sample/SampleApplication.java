package dev.observability.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * An orders service that shows what the observability starter gives a real application: a catalog, checkout
 * with an outgoing call to a payment provider (simulated in-process), business meters, runtime fault injection
 * and a built-in traffic generator.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
