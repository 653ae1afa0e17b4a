package dev.observability.autoconfigure.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Maps the listener id Spring Kafka puts on an observation to the id the application declared: a concurrent
 * container's children are named {@code <id>-0}, {@code <id>-1}, ..., and meters and SLO selectors use
 * {@code <id>}. A child name is recognised when stripping its {@code -<n>} suffix gives a registered container.
 */
public class ListenerIds {

	private static final Pattern CHILD_SUFFIX = Pattern.compile("-\\d+$");

	/** Listener ids are bounded by the application; this caps the cache all the same. */
	private static final int MAX_CACHED = 1000;

	private final ObjectProvider<ListenerContainerRegistry> registry;

	private final Map<String, String> declared = new ConcurrentHashMap<>();

	public ListenerIds(ObjectProvider<ListenerContainerRegistry> registry) {
		this.registry = registry;
	}

	/** The declared id for the id of a (child) container; the id itself when no parent is registered. */
	public String declared(String listenerId) {
		if (listenerId == null) {
			return null;
		}
		String cached = this.declared.get(listenerId);
		if (cached != null) {
			return cached;
		}
		String resolved = resolve(listenerId);
		if (this.declared.size() < MAX_CACHED) {
			this.declared.put(listenerId, resolved);
		}
		return resolved;
	}

	/**
	 * The declared listener id of the listener observation that is {@code observation} or encloses it, null when
	 * there is none (outside a listener).
	 */
	public String enclosing(ObservationView observation) {
		ObservationView current = observation;
		while (current != null) {
			Observation.ContextView context = current.getContextView();
			if (context instanceof KafkaRecordReceiverContext receiver) {
				return declared(receiver.getListenerId());
			}
			current = context.getParentObservation();
		}
		return null;
	}

	private String resolve(String listenerId) {
		ListenerContainerRegistry containers = this.registry.getIfAvailable();
		if (containers == null || containers.getListenerContainer(listenerId) != null) {
			return listenerId;
		}
		String parent = CHILD_SUFFIX.matcher(listenerId).replaceFirst("");
		return (!parent.equals(listenerId) && containers.getListenerContainer(parent) != null) ? parent : listenerId;
	}

}
