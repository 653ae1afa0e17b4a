/**
 * The starter holds no code: it brings {@code observability-autoconfigure} and the libraries it configures
 * (Actuator, the Prometheus registry, Micrometer Tracing with OpenTelemetry and OTLP export, and
 * logstash-logback-encoder).
 */
package dev.observability.starter;
