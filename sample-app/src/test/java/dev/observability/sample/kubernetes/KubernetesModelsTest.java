package dev.observability.sample.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.observability.sample.support.RepositoryFiles;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest of {@code k8s/} loads into fabric8's typed Kubernetes models (core, apps, and the Prometheus
 * Operator's monitoring.coreos.com/v1) with no field the model does not know, so a typo in a key or a quantity
 * fails the build; and the pieces fit: the ServiceMonitor selects the Service by its labels and port name, the
 * Service selects the Deployment's pods and targets their named port, the probes ask the health groups Boot
 * serves on Kubernetes (checked against the running app by {@code KubernetesProbesTests}).
 */
class KubernetesModelsTest {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	@TestFactory
	Stream<DynamicTest> everyManifestLoadsIntoTypedModelsWithoutUnknownFields() {
		List<Path> manifests = manifests();
		assertThat(manifests).extracting((file) -> file.getFileName().toString())
			.contains("deployment.yaml", "service.yaml", "servicemonitor.yaml", "prometheusrule.yaml");
		return manifests.stream().map((file) -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
			HasMetadata resource = load(file, HasMetadata.class);
			assertThat(resource).as("%s has a typed model", file.getFileName()).isNotInstanceOf(GenericKubernetesResource.class);
			List<String> unknown = new ArrayList<>();
			collectUnknownFields(resource, resource.getKind(), unknown);
			assertThat(unknown).as("fields %s does not know in %s", resource.getClass().getSimpleName(), file.getFileName())
				.isEmpty();
		}));
	}

	@Test
	void unknownFieldsAreFound() {
		// the checker itself: a misspelt key lands in a model's additional properties, a bad quantity throws
		Deployment deployment = SERIALIZATION.unmarshal("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: x }
				spec:
				  replicas: 1
				  template:
				    spec:
				      containers:
				        - name: x
				          readinesProbe: { httpGet: { path: /, port: 8080 } }
				          resources: { requests: { memory: 512Mx } }
				""", Deployment.class);
		List<String> unknown = new ArrayList<>();
		collectUnknownFields(deployment, "Deployment", unknown);
		assertThat(unknown).anySatisfy((field) -> assertThat(field).contains("readinesProbe"))
			.anySatisfy((field) -> assertThat(field).contains("512Mx"));
	}

	@Test
	void serviceMonitorSelectsTheServiceWhichSelectsTheDeploymentsPods() {
		Deployment deployment = load(k8s("deployment.yaml"), Deployment.class);
		Service service = load(k8s("service.yaml"), Service.class);
		ServiceMonitor monitor = load(k8s("servicemonitor.yaml"), ServiceMonitor.class);

		assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
		List<String> servicePorts = service.getSpec().getPorts().stream().map(ServicePort::getName).toList();
		assertThat(monitor.getSpec().getEndpoints()).extracting(Endpoint::getPort).isNotEmpty().allMatch(servicePorts::contains);

		Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
		assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector())
			.containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
		List<String> containerPorts = deployment.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.stream()
			.flatMap((container) -> container.getPorts().stream())
			.map(ContainerPort::getName)
			.toList();
		assertThat(service.getSpec().getPorts()).allSatisfy((port) -> assertThat(containerPorts).contains(port.getTargetPort().getStrVal()));
	}

	@Test
	void theAppHasProbesOnItsHealthGroupsAndResourceRequests() {
		Deployment deployment = load(k8s("deployment.yaml"), Deployment.class);
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).singleElement().satisfies((container) -> {
			assertThat(probe(container.getLivenessProbe().getHttpGet())).isEqualTo("http /actuator/health/liveness");
			assertThat(probe(container.getStartupProbe().getHttpGet())).isEqualTo("http /actuator/health/liveness");
			assertThat(probe(container.getReadinessProbe().getHttpGet())).isEqualTo("http /actuator/health/readiness");
			Map<String, Quantity> requests = container.getResources().getRequests();
			assertThat(requests).containsKeys("cpu", "memory");
			assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")))
				.as("memory limit not below the request")
				.isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
		});
	}

	@Test
	void theDeploymentRunsTheImageSpringBootBuildImageNamesAfterTheProject() throws IOException {
		String pom = Files.readString(RepositoryFiles.root().resolve("pom.xml"));
		java.util.regex.Matcher version = java.util.regex.Pattern
			.compile("<artifactId>observability-parent</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(pom);
		assertThat(version.find()).isTrue();
		Deployment deployment = load(k8s("deployment.yaml"), Deployment.class);
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
			.isEqualTo("sample-app:" + version.group(1));
	}

	@Test
	void prometheusRuleLoadsAsTheOperatorsType() {
		PrometheusRule rule = load(k8s("prometheusrule.yaml"), PrometheusRule.class);
		assertThat(rule.getSpec().getGroups()).isNotEmpty();
	}

	/** The probe's named port and path, such as {@code http /actuator/health/liveness}. */
	private static String probe(HTTPGetAction action) {
		return action.getPort().getStrVal() + " " + action.getPath();
	}

	/**
	 * Walks a model: every fabric8 object's additional properties (keys the model does not know) are reported with
	 * their path, and so is every getter that fails (a quantity that does not parse).
	 */
	static void collectUnknownFields(Object value, String path, List<String> unknown) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				collectUnknownFields(element, path + "[" + i++ + "]", unknown);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> collectUnknownFields(element, path + "." + key, unknown));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		Method[] methods = value.getClass().getMethods();
		java.util.Arrays.sort(methods, Comparator.comparing(Method::getName));
		for (Method method : methods) {
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
					|| !(method.getName().startsWith("get") || method.getName().startsWith("is"))
					|| method.getName().equals("getClass")) {
				continue;
			}
			Object property;
			try {
				property = method.invoke(value);
			}
			catch (InvocationTargetException ex) {
				unknown.add(path + " " + value + ": " + method.getName() + " fails: " + ex.getCause().getMessage());
				continue;
			}
			catch (ReflectiveOperationException ex) {
				continue;
			}
			if (method.getName().equals("getAdditionalProperties")) {
				((Map<?, ?>) property).keySet().forEach((key) -> unknown.add(path + "." + key));
			}
			else if (!(property instanceof String) && property != value) {
				collectUnknownFields(property, path + "." + propertyName(method), unknown);
			}
		}
	}

	private static String propertyName(Method getter) {
		String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
		return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static <T> T load(Path file, Class<T> type) {
		try (InputStream in = Files.newInputStream(file)) {
			Object resource = SERIALIZATION.unmarshal(in);
			assertThat(resource).as(file.toString()).isInstanceOf(type);
			return type.cast(resource);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Path k8s(String name) {
		return RepositoryFiles.root().resolve("k8s").resolve(name);
	}

	private static List<Path> manifests() {
		try (Stream<Path> files = Files.list(RepositoryFiles.root().resolve("k8s"))) {
			return files.filter((file) -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
