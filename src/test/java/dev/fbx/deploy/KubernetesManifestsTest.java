package dev.fbx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fbx.sink.postgres.PostgresUrl;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under config/kubernetes/ parses into the Kubernetes model with no field left
 * over, so a misspelt or misplaced field fails the build instead of being dropped by the API
 * server, and the pieces fit together (names, keys, exit codes, security), and with the image
 * (its user and group, its volumes, FBX_TOKEN_FILE).
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("config", "kubernetes");
    private static final Path MULTI = DIR.resolve("multi-account");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "batch/v1 CronJob", CronJob.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 PersistentVolumeClaim", PersistentVolumeClaim.class);

    /**
     * The model classes keep unknown fields in an "additionalProperties" map (@JsonAnySetter);
     * without it, Jackson fails on any field the Kubernetes API does not define.
     */
    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return false;
                }
            });

    static List<HasMetadata> manifests() throws IOException {
        return manifests(DIR);
    }

    /** Every document of every {@code .yaml} file in {@code dir} (not below it). */
    static List<HasMetadata> manifests(Path dir) throws IOException {
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode tree : STRICT.readValues(STRICT.getFactory().createParser(file.toFile()), JsonNode.class)
                        .readAll()) {
                    String kind = tree.path("apiVersion").asText() + " "
                            + tree.path("kind").asText();
                    Class<? extends HasMetadata> type = KINDS.get(kind);
                    assertNotNull(type, file + ": unexpected kind '" + kind + "'");
                    try {
                        all.add(STRICT.treeToValue(tree, type));
                    } catch (IOException e) {
                        throw new AssertionError(file + " is not a valid " + kind + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return all;
    }

    private static <T> T only(List<HasMetadata> all, Class<T> type) {
        List<T> found = all.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName());
        return found.get(0);
    }

    @Test
    void everyManifestIsAKnownKindWithNoUnknownField() throws IOException {
        assertEquals(4, manifests().size());
    }

    @Test
    void theCronJobSyncsNightlyWithoutOverlapAndDoesNotCountRateLimitsAsFailures() throws IOException {
        CronJob cronJob = only(manifests(), CronJob.class);
        assertEquals("Forbid", cronJob.getSpec().getConcurrencyPolicy());
        JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
        assertNotNull(job.getActiveDeadlineSeconds());
        assertTrue(job.getBackoffLimit() >= 1 && job.getBackoffLimit() <= 6);
        PodSpec pod = job.getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy(), "podFailurePolicy requires restartPolicy Never");
        Container fbx = pod.getContainers().get(0);
        assertEquals(List.of("sync", "--out", "/data"), fbx.getArgs().subList(0, 3));

        List<PodFailurePolicyRule> rules = job.getPodFailurePolicy().getRules();
        PodFailurePolicyRule rateLimited = rules.stream()
                .filter(r -> r.getOnExitCodes() != null
                        && r.getOnExitCodes().getValues().contains(75))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a rule for exit 75"));
        assertEquals("Ignore", rateLimited.getAction());
        assertEquals("In", rateLimited.getOnExitCodes().getOperator());
        assertEquals(fbx.getName(), rateLimited.getOnExitCodes().getContainerName());
    }

    @Test
    void theTokenFileAndTheDataLiveOnClaimsAndTheSeedComesFromTheSecret() throws IOException {
        List<HasMetadata> all = manifests();
        CronJob cronJob = only(all, CronJob.class);
        Secret secret = only(all, Secret.class);
        PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        Container fbx = pod.getContainers().get(0);
        Set<String> claims = new HashSet<>();
        all.stream()
                .filter(PersistentVolumeClaim.class::isInstance)
                .forEach(c -> claims.add(c.getMetadata().getName()));

        assertEquals(claims, Set.copyOf(claimsByMountPath(pod, fbx).values()), "every claim mounted, and only claims");
        String tokenFile = tokenFile(fbx);
        assertTrue(
                claimsByMountPath(pod, fbx)
                        .containsKey(Paths.get(tokenFile).getParent().toString()),
                "the token file on a claim: " + tokenFile);
        String out = fbx.getArgs().get(fbx.getArgs().indexOf("--out") + 1);
        assertTrue(claimsByMountPath(pod, fbx).containsKey(out), "sync --out on a claim: " + out);
        assertEquals(
                secret.getMetadata().getName(),
                fbx.getEnvFrom().get(0).getSecretRef().getName());
        for (String key : List.of("FBX_CLIENT_ID", "FBX_ACCESS_TOKEN", "FBX_REFRESH_TOKEN")) {
            assertTrue(secret.getStringData().containsKey(key), "the Secret has " + key);
        }
    }

    @Test
    void manyAccountsRunOneCronJobEachIntoOneDatabaseWithASecretAndATokenVolumeEach() throws IOException {
        List<HasMetadata> all = manifests(MULTI);
        List<CronJob> cronJobs = all.stream()
                .filter(CronJob.class::isInstance)
                .map(CronJob.class::cast)
                .toList();
        assertEquals(2, cronJobs.size());
        Secret database = all.stream()
                .filter(Secret.class::isInstance)
                .map(Secret.class::cast)
                .filter(s -> s.getMetadata().getName().equals("fbx-database"))
                .findFirst()
                .orElseThrow();
        // The example URL is one fbx accepts: no password in it.
        PostgresUrl.parse(database.getStringData().get("FBX_DB_URL"), Map.of());
        Set<String> credentials = new HashSet<>();
        Set<String> claims = new HashSet<>();
        for (CronJob cronJob : cronJobs) {
            assertEquals("Forbid", cronJob.getSpec().getConcurrencyPolicy());
            PodSpec pod =
                    cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
            Container fbx = pod.getContainers().get(0);
            assertEquals("sync", fbx.getArgs().get(0));
            assertFalse(fbx.getArgs().contains("--out"), "the database, not a directory");
            for (String key : List.of("FBX_DB_URL", "FBX_DB_PASSWORD")) {
                assertTrue(
                        fbx.getEnv().stream()
                                .anyMatch(e -> e.getName().equals(key)
                                        && e.getValueFrom() != null
                                        && e.getValueFrom()
                                                .getSecretKeyRef()
                                                .getName()
                                                .equals("fbx-database")
                                        && database.getStringData()
                                                .containsKey(e.getValueFrom()
                                                        .getSecretKeyRef()
                                                        .getKey())),
                        key + " from the database Secret");
            }
            String secretName = fbx.getEnvFrom().get(0).getSecretRef().getName();
            assertTrue(
                    all.stream()
                            .anyMatch(m -> m instanceof Secret
                                    && m.getMetadata().getName().equals(secretName)),
                    secretName);
            credentials.add(secretName);
            String claim = pod.getVolumes().stream()
                    .filter(v -> v.getPersistentVolumeClaim() != null)
                    .findFirst()
                    .orElseThrow()
                    .getPersistentVolumeClaim()
                    .getClaimName();
            assertTrue(
                    all.stream()
                            .anyMatch(m -> m instanceof PersistentVolumeClaim
                                    && m.getMetadata().getName().equals(claim)),
                    claim);
            claims.add(claim);
            assertTrue(
                    claimsByMountPath(pod, fbx)
                            .containsKey(Paths.get(tokenFile(fbx)).getParent().toString()),
                    "the token file on the claim");
            unprivileged(pod);
        }
        assertEquals(2, credentials.size(), "a Secret per account");
        assertEquals(2, claims.size(), "a token file per account");
    }

    /**
     * The pods run the image as it is built: its user and group, its token file, and no writable
     * mount but its volumes (fbx writes nowhere else: no /tmp).
     */
    @Test
    void everyCronJobRunsTheImagesUserWithItsTokenFileAndMountsOnlyItsVolumes() throws IOException {
        Dockerfile.Stage image = Dockerfile.read("Dockerfile.native-micro").image();
        List<HasMetadata> all = new ArrayList<>(manifests());
        all.addAll(manifests(MULTI));
        List<CronJob> cronJobs = all.stream()
                .filter(CronJob.class::isInstance)
                .map(CronJob.class::cast)
                .toList();
        assertEquals(3, cronJobs.size());
        for (CronJob cronJob : cronJobs) {
            String name = cronJob.getMetadata().getName();
            PodSpec pod =
                    cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
            PodSecurityContext security = pod.getSecurityContext();
            assertEquals(image.uid(), String.valueOf(security.getRunAsUser()), name + ": runAsUser");
            assertEquals(image.gid(), String.valueOf(security.getRunAsGroup()), name + ": runAsGroup");
            assertEquals(
                    image.gid(),
                    String.valueOf(security.getFsGroup()),
                    name + ": fsGroup, the group that can write the volumes");
            Container fbx = pod.getContainers().get(0);
            assertEquals(image.env().get("FBX_TOKEN_FILE"), tokenFile(fbx), name + ": FBX_TOKEN_FILE");
            for (VolumeMount mount : fbx.getVolumeMounts()) {
                assertTrue(
                        image.volumes().contains(mount.getMountPath()),
                        name + " mounts " + mount.getMountPath() + ", not one of the image's volumes "
                                + image.volumes());
            }
            assertTrue(
                    pod.getVolumes().stream().allMatch(v -> v.getEmptyDir() == null),
                    name + ": no scratch volume (no /tmp)");
        }
    }

    /** Where fbx writes by default: its working directory, the sync directory of the single-account CronJob. */
    @Test
    void theImagesWorkingDirectoryIsWhereTheCronJobSyncs() throws IOException {
        Dockerfile.Stage image = Dockerfile.read("Dockerfile.native-micro").image();
        Container fbx = only(manifests(), CronJob.class)
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertEquals(
                image.workdir().orElseThrow(), fbx.getArgs().get(fbx.getArgs().indexOf("--out") + 1));
        assertTrue(image.volumes().contains(image.workdir().orElseThrow()));
        assertTrue(
                image.volumes()
                        .contains(Paths.get(image.env().get("FBX_TOKEN_FILE"))
                                .getParent()
                                .toString()),
                "the token file on a volume");
    }

    /** Every way of building the image gives the same user, volumes, working directory and token file. */
    @Test
    void everyDockerfileHasTheSameUserAndPaths() {
        Dockerfile.Stage micro = Dockerfile.read("Dockerfile.native-micro").image();
        assertEquals("scratch", micro.from(), "the native image is built from nothing");
        assertTrue(
                !micro.uid().equals("0") && micro.user().orElseThrow().matches("\\d+:\\d+"),
                "a numeric non-root user and group, which Kubernetes can check (runAsNonRoot): " + micro.user());
        Dockerfile build = Dockerfile.read("Dockerfile.native-build");
        for (Dockerfile.Stage stage :
                List.of(Dockerfile.read("Dockerfile.jvm").image(), build.image(), build.stage("compose"))) {
            String what = stage.from() + stage.name().map(n -> " AS " + n).orElse("");
            assertEquals(micro.user(), stage.user(), what);
            assertEquals(micro.env().get("FBX_TOKEN_FILE"), stage.env().get("FBX_TOKEN_FILE"), what);
            assertEquals(micro.volumes(), stage.volumes(), what);
            assertEquals(micro.workdir(), stage.workdir(), what);
        }
    }

    private static String tokenFile(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals("FBX_TOKEN_FILE"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " sets FBX_TOKEN_FILE"))
                .getValue();
    }

    /** The container's mounts of persistent volume claims: mount path to claim name. */
    private static Map<String, String> claimsByMountPath(PodSpec pod, Container container) {
        Map<String, String> claims = new java.util.TreeMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()) && v.getPersistentVolumeClaim() != null)
                    .findFirst()
                    .ifPresent(v -> claims.put(
                            mount.getMountPath(), v.getPersistentVolumeClaim().getClaimName()));
        }
        return claims;
    }

    @Test
    void thePodRunsUnprivilegedOnAReadOnlyRoot() throws IOException {
        unprivileged(only(manifests(), CronJob.class)
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec());
    }

    static void unprivileged(PodSpec pod) {
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(
                "RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertFalse(Boolean.TRUE.equals(pod.getAutomountServiceAccountToken()));
        for (Container container : pod.getContainers()) {
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals(
                    List.of("ALL"),
                    container.getSecurityContext().getCapabilities().getDrop());
            assertNotNull(container.getResources().getRequests().get("memory"));
            assertNotNull(container.getResources().getLimits().get("memory"));
        }
    }
}
