package dev.observability.sample.faults;

/**
 * Thrown by fault injection in place of handling a request.
 */
public class InjectedFaultException extends RuntimeException {

	public InjectedFaultException(String path) {
		super("Injected fault on " + path);
	}

}
