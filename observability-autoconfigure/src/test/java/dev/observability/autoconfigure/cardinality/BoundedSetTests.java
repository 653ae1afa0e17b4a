package dev.observability.autoconfigure.cardinality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BoundedSet} admits new elements up to its maximum and known elements always.
 */
class BoundedSetTests {

	@Test
	void admitsUpToTheMaximumThenOnlyKnownElements() {
		BoundedSet<String> set = new BoundedSet<>(2);
		assertThat(set.admit("a")).isTrue();
		assertThat(set.admit("a")).isTrue();
		assertThat(set.size()).isEqualTo(1);
		assertThat(set.admit("b")).isTrue();
		assertThat(set.admit("c")).isFalse();
		assertThat(set.admit("b")).isTrue();
		assertThat(set.size()).isEqualTo(2);
	}

	@Test
	void aZeroMaximumAdmitsNothing() {
		BoundedSet<String> set = new BoundedSet<>(0);
		assertThat(set.admit("a")).isFalse();
		assertThat(set.size()).isZero();
	}

}
