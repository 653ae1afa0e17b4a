package dev.observability.autoconfigure.saturation;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Scannable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.ReflectionUtils;

/**
 * Registers {@code saturation{resource="reactor.bounded-elastic"}}: the busy workers of Reactor's shared
 * {@code Schedulers.boundedElastic()} (each bound to a subscription doing blocking work) over its thread cap
 * ({@code reactor.schedulers.defaultBoundedElasticSize}, 10 per CPU by default). It is where a reactive
 * application runs its blocking work; at 1 new work queues behind busy workers.
 * <p>
 * Reactor reports the cap ({@code Scannable.Attr.CAPACITY}) but not the busy count in public API (its
 * {@code BUFFERED} attribute counts idle cached workers too), so the count is read through the scheduler's own
 * {@code estimateBusy()}, looked up once. Where that cannot be read (another Reactor version, a scheduler of
 * another kind such as the virtual-thread one, the module path), the entry is not registered and one INFO line
 * says so.
 */
public class BoundedElasticSaturationMeterBinder implements MeterBinder {

	private static final Log logger = LogFactory.getLog(BoundedElasticSaturationMeterBinder.class);

	private final Supplier<Scheduler> scheduler;

	/** Measures {@code Schedulers.boundedElastic()}. */
	public BoundedElasticSaturationMeterBinder() {
		this(Schedulers::boundedElastic);
	}

	BoundedElasticSaturationMeterBinder(Supplier<Scheduler> scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		BusyWorkers busy = BusyWorkers.of(this.scheduler.get());
		if (busy == null) {
			logger.info("saturation{resource=\"" + SaturationMeterBinder.REACTOR_BOUNDED_ELASTIC
					+ "\"} is not registered: the bounded-elastic scheduler does not report its busy workers");
			return;
		}
		SaturationMeterBinder.register(registry, SaturationMeterBinder.REACTOR_BOUNDED_ELASTIC, busy,
				BusyWorkers::ratio);
	}

	/** The busy-worker count and cap of one bounded-elastic scheduler. */
	static final class BusyWorkers {

		private final Scheduler scheduler;

		private final Method estimateBusy;

		private BusyWorkers(Scheduler scheduler, Method estimateBusy) {
			this.scheduler = scheduler;
			this.estimateBusy = estimateBusy;
		}

		static BusyWorkers of(Scheduler scheduler) {
			// Schedulers.boundedElastic() is a cached wrapper that supplies the scheduler itself
			Scheduler target = (scheduler instanceof Supplier<?> supplier && supplier.get() instanceof Scheduler inner)
					? inner : scheduler;
			Method method = ReflectionUtils.findMethod(target.getClass(), "estimateBusy");
			if (method == null || method.getReturnType() != int.class
					|| !(Scannable.from(target).scan(Scannable.Attr.CAPACITY) instanceof Integer)) {
				return null;
			}
			try {
				ReflectionUtils.makeAccessible(method);
				method.invoke(target);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
			return new BusyWorkers(target, method);
		}

		double ratio() {
			Integer capacity = Scannable.from(this.scheduler).scan(Scannable.Attr.CAPACITY);
			if (capacity == null) {
				return 0;
			}
			return SaturationMeterBinder.ratio((int) ReflectionUtils.invokeMethod(this.estimateBusy, this.scheduler),
					capacity);
		}

	}

}
