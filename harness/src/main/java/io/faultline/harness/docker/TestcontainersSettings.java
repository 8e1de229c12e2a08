package io.faultline.harness.docker;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.ResourceReaper;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The Testcontainers settings a machine without a registry needs, applied by the harness itself so nobody edits
 * files in their home directory. Each is applied only where the default would try to pull an image that is not
 * here, so a machine that reaches a registry keeps Testcontainers' normal behaviour:
 *
 * <ul>
 *   <li>API version: Testcontainers asks for 1.44 and, refused, silently falls back to 1.32; an older engine is
 *       asked for the version it reports instead.
 *   <li>Ryuk: its image cannot be pulled, so unless the user set {@code TESTCONTAINERS_RYUK_DISABLED} or the image
 *       is present, the JVM-hook reaper is used; leftovers of crashed runs are removed by {@link Leftovers}.
 *   <li>Start-up checks (they run an alpine image): disabled unless the user configured them.
 *   <li>Pull timeout: 10 s instead of 120 s, unless configured.
 *   <li>Host address: a machine with {@code /.dockerenv} looks like a container to Testcontainers, which then runs
 *       an image to find its gateway; when the engine runs on this very host, {@link LocalEngineStrategy} says
 *       "localhost" instead (unless {@code TESTCONTAINERS_HOST_OVERRIDE} or {@code DOCKER_HOST} is set).
 * </ul>
 *
 * Set the system property {@code faultline.testcontainers.defaults=true} to leave Testcontainers untouched.
 */
public final class TestcontainersSettings {

    private static boolean applied;

    private TestcontainersSettings() {}

    /** Applies the settings once per JVM, before the first use of Testcontainers. */
    public static synchronized void apply(EngineInfo engine, boolean ryukImagePresent) {
        if (applied || Boolean.getBoolean("faultline.testcontainers.defaults")) {
            return;
        }
        applied = true;
        if (!engine.supportsApi("1.44") && System.getProperty("api.version") == null) {
            System.setProperty("api.version", engine.apiVersion());
        }
        Map<String, String> env = System.getenv();
        Map<String, String> overrides = new HashMap<>();
        overrides.putIfAbsent("TESTCONTAINERS_CHECKS_DISABLE", "true");
        overrides.putIfAbsent("TESTCONTAINERS_PULL_TIMEOUT", "10");
        overrides.keySet().removeIf(env::containsKey);
        overrideConfiguration(overrides);
        if (!ryukImagePresent && !env.containsKey("TESTCONTAINERS_RYUK_DISABLED")) {
            useJvmHookReaper();
        }
        if (engine.onThisHost()
                && Files.exists(Path.of("/.dockerenv"))
                && !env.containsKey("TESTCONTAINERS_HOST_OVERRIDE")
                && !env.containsKey("DOCKER_HOST")) {
            useLocalEngineStrategy();
        }
    }

    private static void useLocalEngineStrategy() {
        try {
            LocalEngineStrategy strategy = new LocalEngineStrategy();
            Field info = DockerClientProviderStrategy.class.getDeclaredField("info");
            info.setAccessible(true);
            info.set(strategy, strategy.getDockerClient().infoCmd().exec());
            Field chosen = DockerClientFactory.class.getDeclaredField("strategy");
            chosen.setAccessible(true);
            DockerClientFactory factory = DockerClientFactory.instance();
            synchronized (factory) {
                if (chosen.get(factory) == null) {
                    chosen.set(factory, strategy);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot tell this Testcontainers version that the engine is local (" + e
                            + "); set TESTCONTAINERS_HOST_OVERRIDE=localhost yourself",
                    e);
        }
    }

    /** Replaces Testcontainers' configuration by one whose environment also holds our defaults. */
    private static void overrideConfiguration(Map<String, String> overrides) {
        try {
            Method instanceField = TestcontainersConfiguration.class.getDeclaredMethod("getInstanceField");
            instanceField.setAccessible(true);
            @SuppressWarnings("unchecked")
            AtomicReference<Object> ref = (AtomicReference<Object>) instanceField.invoke(null);
            TestcontainersConfiguration current = TestcontainersConfiguration.getInstance();
            Properties user = (Properties) field(current, "userProperties");
            Properties classpath = (Properties) field(current, "classpathProperties");
            overrides.keySet().removeIf(key -> user.containsKey(propertyName(key)));
            Map<String, String> environment = new HashMap<>(System.getenv());
            environment.putAll(overrides);
            Constructor<TestcontainersConfiguration> constructor =
                    TestcontainersConfiguration.class.getDeclaredConstructor(
                            Properties.class, Properties.class, Map.class);
            constructor.setAccessible(true);
            ref.set(constructor.newInstance(user, classpath, environment));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot apply Faultline's Testcontainers settings to this Testcontainers version (" + e
                            + "); set TESTCONTAINERS_CHECKS_DISABLE=true and TESTCONTAINERS_RYUK_DISABLED=true yourself",
                    e);
        }
    }

    private static void useJvmHookReaper() {
        try {
            Class<?> hook = Class.forName("org.testcontainers.utility.JVMHookResourceReaper");
            Constructor<?> constructor = hook.getDeclaredConstructor();
            constructor.setAccessible(true);
            Field instance = ResourceReaper.class.getDeclaredField("instance");
            instance.setAccessible(true);
            synchronized (ResourceReaper.class) {
                if (instance.get(null) == null) {
                    instance.set(null, constructor.newInstance());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot disable Ryuk in this Testcontainers version (" + e
                            + "); set TESTCONTAINERS_RYUK_DISABLED=true yourself",
                    e);
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    /** {@code TESTCONTAINERS_CHECKS_DISABLE} -> {@code checks.disable}. */
    static String propertyName(String envVar) {
        return envVar.substring("TESTCONTAINERS_".length())
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', '.');
    }
}
