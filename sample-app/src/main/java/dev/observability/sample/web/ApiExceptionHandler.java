package dev.observability.sample.web;

import java.util.Map;

import dev.observability.sample.catalog.ProductNotFoundException;
import dev.observability.sample.faults.InjectedFaultException;
import dev.observability.sample.faults.InvalidFaultsException;
import dev.observability.sample.orders.OrderNotFoundException;
import dev.observability.sample.orders.UnknownProductException;
import dev.observability.sample.payment.PaymentDeclinedException;
import dev.observability.sample.payment.PaymentProviderException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps the service's exceptions to RFC 9457 problem details; Spring MVC's own exceptions (validation, bad
 * JSON, unknown routes) get the same format from the superclass.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler({ ProductNotFoundException.class, OrderNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex);
	}

	@ExceptionHandler(UnknownProductException.class)
	ProblemDetail unknownProduct(UnknownProductException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product", ex);
	}

	@ExceptionHandler(InvalidFaultsException.class)
	ProblemDetail invalidFaults(InvalidFaultsException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid faults", ex);
	}

	@ExceptionHandler(PaymentDeclinedException.class)
	ProblemDetail paymentDeclined(PaymentDeclinedException ex) {
		ProblemDetail problem = problem(HttpStatus.PAYMENT_REQUIRED, "Payment declined", ex);
		problem.setProperty("reason", ex.getReason());
		return problem;
	}

	@ExceptionHandler(PaymentProviderException.class)
	ProblemDetail paymentProviderFailed(PaymentProviderException ex, HttpServletRequest request) {
		recordError(request, ex);
		return problem(HttpStatus.BAD_GATEWAY, "Payment provider unavailable", ex);
	}

	@ExceptionHandler(InjectedFaultException.class)
	ProblemDetail injectedFault(InjectedFaultException ex, HttpServletRequest request) {
		recordError(request, ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Injected fault", ex);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("Invalid request content: " + ex.getFieldErrorCount() + " invalid field(s).");
		problem.setProperty("errors",
				ex.getFieldErrors()
					.stream()
					.map((error) -> Map.of("field", error.getField(), "message",
							String.valueOf(error.getDefaultMessage())))
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * Hands a server error that this advice answers to the request's observation, so the
	 * {@code http.server.requests} series and the span name the exception like an unhandled one.
	 */
	private static void recordError(HttpServletRequest request, Throwable ex) {
		ServerHttpObservationFilter.findObservationContext(request).ifPresent((context) -> context.setError(ex));
	}

	private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title);
		return problem;
	}

}
