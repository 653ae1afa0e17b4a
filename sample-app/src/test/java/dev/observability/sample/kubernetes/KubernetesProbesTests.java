package dev.observability.sample.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import dev.observability.sample.SampleApplication;
import dev.observability.sample.support.RepositoryFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes of {@code k8s/deployment.yaml} against the sample app as Kubernetes runs it
 * ({@code spring.main.cloud-platform=kubernetes}, which Boot detects from the pod's environment): every probe
 * path answers 200 with status UP, on the port the Deployment names.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "spring.main.cloud-platform=kubernetes" })
class KubernetesProbesTests {

	@LocalServerPort
	private int port;

	@Test
	void everyProbeOfTheDeploymentAnswersUp() throws Exception {
		Container container = container();
		assertThat(container.getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getContainerPort()).as("the app's default server.port").isEqualTo(8080));
		List<HTTPGetAction> probes = List.of(container.getStartupProbe().getHttpGet(),
				container.getLivenessProbe().getHttpGet(), container.getReadinessProbe().getHttpGet());
		HttpClient http = HttpClient.newHttpClient();
		for (HTTPGetAction probe : probes) {
			assertThat(probe.getPort().getStrVal()).isEqualTo(container.getPorts().get(0).getName());
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + probe.getPath())).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s: %s", probe.getPath(), response.body()).isEqualTo(200);
			assertThat(response.body()).as(probe.getPath()).contains("\"status\":\"UP\"");
		}
	}

	private static Container container() {
		try (InputStream in = Files.newInputStream(RepositoryFiles.root().resolve("k8s/deployment.yaml"))) {
			Deployment deployment = new KubernetesSerialization().unmarshal(in, Deployment.class);
			return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
