package dev.fbx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fbx.sink.postgres.PostgresUrl;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, the home set-up: the three services find each other, and every file it mounts is in the repository. */
class DockerComposeTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode compose() throws IOException {
        return YAML.readTree(Path.of("docker-compose.yml").toFile());
    }

    @Test
    void fbxSyncsIntoThePostgresServiceWithThePasswordOutOfTheUrl() throws IOException {
        JsonNode services = compose().path("services");
        assertEquals(Set.of("postgres", "fbx", "grafana"), fieldNames(services));
        JsonNode postgres = services.path("postgres").path("environment");
        JsonNode fbx = services.path("fbx");
        String url = fbx.path("environment").path("FBX_DB_URL").asText();
        URI uri = URI.create(url);
        PostgresUrl.parse(url, Map.of());
        assertEquals("postgres", uri.getHost(), "the database service");
        assertEquals(postgres.path("POSTGRES_USER").asText(), uri.getUserInfo());
        assertEquals("/" + postgres.path("POSTGRES_DB").asText(), uri.getPath());
        assertEquals(
                postgres.path("POSTGRES_PASSWORD").asText(),
                fbx.path("environment").path("FBX_DB_PASSWORD").asText());
        assertEquals(
                "service_healthy",
                fbx.path("depends_on").path("postgres").path("condition").asText());
        String loop = fbx.path("command").get(0).asText();
        assertTrue(loop.contains("fbx sync ") && !loop.contains("--out") && !loop.contains("--db"), loop);
        assertTrue(
                Files.isRegularFile(Path.of(fbx.path("build").path("dockerfile").asText())));
    }

    /** The service runs the image's user with its token file, on its read-only root, and mounts only the image's volumes. */
    @Test
    void fbxRunsTheImagesUserAndPaths() throws IOException {
        JsonNode fbx = compose().path("services").path("fbx");
        Dockerfile.Stage image = Dockerfile.read("Dockerfile.native-micro").image();
        JsonNode build = fbx.path("build");
        assertEquals(
                Dockerfile.DIR.resolve("Dockerfile.native-build").toString(),
                build.path("dockerfile").asText());
        Dockerfile.Stage stage = Dockerfile.read("Dockerfile.native-build")
                .stage(build.path("target").asText());
        assertEquals(image.user(), stage.user());
        assertEquals(image.volumes(), stage.volumes());

        String tokenFile = fbx.path("environment").path("FBX_TOKEN_FILE").asText();
        assertEquals(image.env().get("FBX_TOKEN_FILE"), tokenFile);
        Set<String> mounted = new HashSet<>();
        for (JsonNode volume : fbx.path("volumes")) {
            String target = volume.asText().split(":")[1];
            assertTrue(image.volumes().contains(target), target + " is one of the image's volumes " + image.volumes());
            mounted.add(target);
        }
        assertTrue(mounted.contains(Path.of(tokenFile).getParent().toString()), "the token file's folder is mounted");
        assertTrue(fbx.path("read_only").asBoolean(), "a read-only root: fbx writes only to its volumes");
        assertTrue(
                Files.readString(Path.of("docker-compose.yml"))
                        .contains("chown -R " + image.uid() + ":" + image.gid() + " fbx-config"),
                "the set-up lines give the token folder to the image's user");
    }

    @Test
    void grafanaGetsTheProvisioningAndTheSettingsItsDataSourceReads() throws IOException {
        JsonNode services = compose().path("services");
        JsonNode grafana = services.path("grafana");
        JsonNode env = grafana.path("environment");
        JsonNode postgres = services.path("postgres").path("environment");
        assertEquals("postgres:5432", env.path("FBX_DB_HOST").asText());
        assertEquals(
                postgres.path("POSTGRES_DB").asText(), env.path("FBX_DB_NAME").asText());
        assertEquals(
                postgres.path("POSTGRES_USER").asText(), env.path("FBX_DB_USER").asText());

        Map<String, String> mounts = new java.util.HashMap<>();
        for (JsonNode volume : grafana.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("./")) {
                assertTrue(Files.isDirectory(Path.of(parts[0])), parts[0] + " is in the repository");
                mounts.put(parts[1], parts[0]);
            }
        }
        assertEquals("./config/grafana/provisioning", mounts.get("/etc/grafana/provisioning"));
        String dashboards = YAML.readTree(Path.of("config/grafana/provisioning/dashboards/fbx.yaml")
                        .toFile())
                .path("providers")
                .get(0)
                .path("options")
                .path("path")
                .asText();
        assertTrue(
                Files.isRegularFile(Path.of(mounts.get(dashboards), "fbx.json")),
                "the dashboard where the provider looks");
        assertTrue(
                env.path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText().startsWith(dashboards + "/"));

        Matcher variables = Pattern.compile("\\$\\{(\\w+)}")
                .matcher(Files.readString(Path.of("config/grafana/provisioning/datasources/fbx.yaml")));
        Set<String> used = new HashSet<>();
        while (variables.find()) {
            used.add(variables.group(1));
        }
        assertFalse(used.isEmpty());
        assertTrue(fieldNames(env).containsAll(used), "Grafana's environment sets " + used);
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
