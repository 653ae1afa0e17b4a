package dev.observability.autoconfigure.messaging;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.FailedRecordProcessor;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.ReflectionUtils;

/**
 * Adds the {@link SloRecoveryListener} to the error handler of every registered listener container just before
 * the containers start, keeping the handler's own retry listeners. A container without an error handler (and
 * without a transaction manager) would create a plain {@link DefaultErrorHandler} when it starts: it is given
 * that same handler here, with the listener. Error handlers that are not a {@link FailedRecordProcessor}
 * (DefaultErrorHandler is one) cannot tell when they give up on a record and are left alone.
 */
public class SloRecoveryListenerRegistrar implements SmartLifecycle {

	/** Just before the listener containers (and the registry that starts them). */
	static final int PHASE = AbstractMessageListenerContainer.DEFAULT_PHASE - 1;

	private static final Method GET_RETRY_LISTENERS = findGetRetryListeners();

	private final ObjectProvider<ListenerContainerRegistry> registry;

	private final RetryListener listener;

	private volatile boolean running;

	public SloRecoveryListenerRegistrar(ObjectProvider<ListenerContainerRegistry> registry, RetryListener listener) {
		this.registry = registry;
		this.listener = listener;
	}

	@Override
	public void start() {
		this.registry.orderedStream().forEach((containers) -> containers.getAllListenerContainers().forEach(this::attach));
		this.running = true;
	}

	void attach(MessageListenerContainer container) {
		if (!(container instanceof AbstractMessageListenerContainer<?, ?> listenerContainer)) {
			return;
		}
		CommonErrorHandler errorHandler = listenerContainer.getCommonErrorHandler();
		ContainerProperties properties = listenerContainer.getContainerProperties();
		if (errorHandler == null && properties.getTransactionManager() == null
				&& properties.getKafkaAwareTransactionManager() == null) {
			DefaultErrorHandler defaultErrorHandler = new DefaultErrorHandler();
			defaultErrorHandler.setRetryListeners(this.listener);
			listenerContainer.setCommonErrorHandler(defaultErrorHandler);
		}
		else if (errorHandler instanceof FailedRecordProcessor processor) {
			List<RetryListener> listeners = retryListeners(processor);
			if (!listeners.contains(this.listener)) {
				listeners.add(this.listener);
				processor.setRetryListeners(listeners.toArray(RetryListener[]::new));
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<RetryListener> retryListeners(FailedRecordProcessor processor) {
		// FailedRecordProcessor has a setter for its retry listeners and only a protected getter: read them so
		// that setting the list keeps the application's own listeners
		Object listeners = ReflectionUtils.invokeMethod(GET_RETRY_LISTENERS, processor);
		return new ArrayList<>((listeners != null) ? (List<RetryListener>) listeners : List.of());
	}

	private static Method findGetRetryListeners() {
		Method method = ReflectionUtils.findMethod(FailedRecordProcessor.class, "getRetryListeners");
		if (method == null) {
			throw new IllegalStateException("FailedRecordProcessor.getRetryListeners() not found");
		}
		ReflectionUtils.makeAccessible(method);
		return method;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
