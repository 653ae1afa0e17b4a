package dev.observability.autoconfigure.cardinality;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A concurrent set that never holds more than {@code max} elements: the first {@code max} distinct elements
 * are admitted, later new ones are refused. Lock-free; an element already admitted costs one map read. The
 * one bounded compare-and-set behind the cardinality guard's series cap and the business meters' tag-value
 * cap.
 *
 * @param <T> the element type
 */
public final class BoundedSet<T> {

	private final int max;

	private final Set<T> elements;

	private final AtomicInteger size = new AtomicInteger();

	public BoundedSet(int max) {
		this.max = max;
		this.elements = ConcurrentHashMap.newKeySet(Math.min(max, 1024) * 4 / 3 + 1);
	}

	/** Whether the element is in the set, adding it while the set has room. */
	public boolean admit(T element) {
		if (this.elements.contains(element)) {
			return true;
		}
		while (true) {
			int current = this.size.get();
			if (current >= this.max) {
				// another thread may have just added this very element
				return this.elements.contains(element);
			}
			if (this.size.compareAndSet(current, current + 1)) {
				break;
			}
		}
		if (!this.elements.add(element)) {
			this.size.decrementAndGet();
		}
		return true;
	}

	/** Number of elements admitted. */
	public int size() {
		return this.size.get();
	}

}
