package io.faultline.harness.docker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test that needs a Docker engine. Without one it is skipped with a loud message, except in CI
 * ({@code CI=true}), where a container test that cannot run is a failure: CI must prove the containers work.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Docker.available()) {
                return ConditionEvaluationResult.enabled("a Docker engine answers");
            }
            String why = DockerEngine.whyUnreachable();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new DockerUnavailableException("CI=true and this container test cannot run: " + why);
            }
            System.err.println(
                    "\n*** SKIPPING " + context.getDisplayName() + ": it needs Docker, and " + why + " ***\n");
            return ConditionEvaluationResult.disabled("needs a Docker engine: " + why);
        }
    }
}
