package dev.fbx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.cohort.Roster;
import dev.fbx.sink.postgres.PostgresUrl;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/kubernetes/cohort/: the CronJob whose Job is Indexed, each pod a shard of the roster, parses
 * into the Kubernetes model with no field left over, its pieces fit (roster, tokens, database, exit
 * codes), and it agrees with the image (its user, its token directory) and the single account's
 * CronJob (user, group, scratch mounts), read from those files rather than repeated here.
 */
class CohortManifestsTest {
    private static final Path COHORT = Path.of("config", "kubernetes", "cohort");

    @TempDir
    Path dir;

    final List<HasMetadata> all;
    final CronJob cronJob;
    final JobSpec job;
    final PodSpec pod;
    final Container fbx;

    CohortManifestsTest() throws IOException {
        all = KubernetesManifestsTest.manifests(COHORT);
        cronJob = only(CronJob.class);
        job = cronJob.getSpec().getJobTemplate().getSpec();
        pod = job.getTemplate().getSpec();
        fbx = pod.getContainers().get(0);
    }

    private <T> T only(Class<T> type) {
        List<T> found = all.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName());
        return found.get(0);
    }

    private VolumeMount mountOf(String kind) {
        Volume volume = pod.getVolumes().stream()
                .filter(v -> kind.equals("configMap") ? v.getConfigMap() != null : v.getPersistentVolumeClaim() != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError("a " + kind + " volume"));
        return fbx.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(volume.getName()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachPodOfTheIndexedJobSyncsItsShardOfTheRoster() {
        assertEquals("Forbid", cronJob.getSpec().getConcurrencyPolicy());
        assertEquals("Indexed", job.getCompletionMode());
        assertEquals("Never", pod.getRestartPolicy(), "podFailurePolicy requires restartPolicy Never");
        List<String> args = fbx.getArgs();
        assertEquals(List.of("cohort", "sync"), args.subList(0, 2));
        String shard = args.get(args.indexOf("--shard") + 1);
        assertEquals("$(JOB_COMPLETION_INDEX)/" + job.getCompletions(), shard, "N of --shard I/N is the completions");
        assertTrue(job.getParallelism() <= job.getCompletions());
        EnvVar index = fbx.getEnv().stream()
                .filter(e -> e.getName().equals("JOB_COMPLETION_INDEX"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "metadata.annotations['batch.kubernetes.io/job-completion-index']",
                index.getValueFrom().getFieldRef().getFieldPath());
        assertNotNull(job.getActiveDeadlineSeconds());
        KubernetesManifestsTest.unprivileged(pod);
    }

    @Test
    void theRosterIsAValidRosterWhoseTokenFilesLieOnTheVolumeEveryPodWrites() throws IOException {
        ConfigMap roster = only(ConfigMap.class);
        PersistentVolumeClaim tokens = only(PersistentVolumeClaim.class);
        List<String> args = fbx.getArgs();
        Path file = Path.of(args.get(args.indexOf("--roster") + 1));
        VolumeMount rosterMount = mountOf("configMap");
        assertEquals(Path.of(rosterMount.getMountPath()), file.getParent());
        assertEquals(Boolean.TRUE, rosterMount.getReadOnly());
        String csv = roster.getData().get(file.getFileName().toString());
        assertNotNull(csv, "the ConfigMap holds " + file.getFileName());

        List<Roster.Participant> participants = Roster.read(Files.writeString(dir.resolve("roster.csv"), csv), false)
                .participants();
        VolumeMount tokenMount = mountOf("persistentVolumeClaim");
        assertFalse(Boolean.TRUE.equals(tokenMount.getReadOnly()), "fbx rewrites the token files it renews");
        for (Roster.Participant participant : participants) {
            assertEquals(
                    Path.of(tokenMount.getMountPath()), participant.tokenFile().getParent(), participant.id());
        }
        assertEquals(
                List.of("ReadWriteMany"), tokens.getSpec().getAccessModes(), "every shard's pod writes it at once");
        assertTrue(pod.getVolumes().stream()
                .anyMatch(v -> v.getPersistentVolumeClaim() != null
                        && v.getPersistentVolumeClaim()
                                .getClaimName()
                                .equals(tokens.getMetadata().getName())));
    }

    @Test
    void theDatabaseAndItsPasswordComeFromTheSecret() {
        Secret secret = only(Secret.class);
        PostgresUrl.parse(secret.getStringData().get("FBX_DB_URL"), Map.of());
        for (String key : List.of("FBX_DB_URL", "FBX_DB_PASSWORD")) {
            EnvVar env = fbx.getEnv().stream()
                    .filter(e -> e.getName().equals(key))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(key));
            assertEquals(
                    secret.getMetadata().getName(),
                    env.getValueFrom().getSecretKeyRef().getName());
            assertTrue(secret.getStringData()
                    .containsKey(env.getValueFrom().getSecretKeyRef().getKey()));
        }
        assertFalse(fbx.getArgs().contains("--db"), "the URL comes from FBX_DB_URL");
    }

    @Test
    void aRevokedParticipantDoesNotFailTheJobNorStartItAgain() {
        assertTrue(fbx.getArgs().contains("--tolerate-participant-failures"));
        List<PodFailurePolicyRule> rules = job.getPodFailurePolicy().getRules();
        Map<String, Set<Integer>> byAction = rules.stream()
                .filter(r -> r.getOnExitCodes() != null)
                .collect(Collectors.groupingBy(
                        PodFailurePolicyRule::getAction,
                        Collectors.flatMapping(r -> r.getOnExitCodes().getValues().stream(), Collectors.toSet())));
        assertEquals(Set.of(75), byAction.get("Ignore"), "a rate limit resumes in a new pod");
        assertFalse(byAction.get("FailJob").contains(77), byAction.toString());
        assertTrue(byAction.get("FailJob").containsAll(Set.of(64, 65)), "a bad option or roster fails at once");
        rules.stream()
                .filter(r -> r.getOnExitCodes() != null)
                .forEach(r -> assertEquals(fbx.getName(), r.getOnExitCodes().getContainerName()));
        assertNotNull(job.getBackoffLimitPerIndex(), "a shard that failed is retried without failing the others");
    }

    @Test
    void thePodAgreesWithTheImageAndTheSingleAccountsCronJob() throws IOException {
        Dockerfile.Stage image = Dockerfile.read("Dockerfile.native-micro").image();
        String tokenFile = image.env().get("FBX_TOKEN_FILE");
        PodSecurityContext security = pod.getSecurityContext();
        assertEquals(image.uid(), String.valueOf(security.getRunAsUser()), "the image's user");
        assertEquals(image.gid(), String.valueOf(security.getRunAsGroup()), "the image's group");
        assertEquals(
                Path.of(tokenFile).getParent(),
                Path.of(mountOf("persistentVolumeClaim").getMountPath()),
                "token files where the image keeps its own");

        CronJob single = KubernetesManifestsTest.manifests().stream()
                .filter(CronJob.class::isInstance)
                .map(CronJob.class::cast)
                .findFirst()
                .orElseThrow();
        PodSpec singlePod =
                single.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        PodSecurityContext singleSecurity = singlePod.getSecurityContext();
        assertEquals(singleSecurity.getRunAsUser(), security.getRunAsUser());
        assertEquals(singleSecurity.getRunAsGroup(), security.getRunAsGroup());
        assertEquals(singleSecurity.getFsGroup(), security.getFsGroup());
        assertEquals(scratch(singlePod), scratch(pod), "the same scratch (emptyDir) mounts as the single CronJob");
        assertEquals(
                single.getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage(),
                fbx.getImage());
    }

    /** The paths where the pod mounts an emptyDir. */
    private static Set<String> scratch(PodSpec pod) {
        Set<String> empty = pod.getVolumes().stream()
                .filter(v -> v.getEmptyDir() != null)
                .map(Volume::getName)
                .collect(Collectors.toSet());
        return pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> empty.contains(m.getName()))
                .map(VolumeMount::getMountPath)
                .collect(Collectors.toSet());
    }
}
