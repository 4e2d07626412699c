package dev.fbx.cli;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * The scenarios of {@link HeartRateCommandTest} against the packaged artifact: the jar under
 * {@code ./mvnw verify}, the native binary under {@code ./mvnw verify -Pnative}.
 */
@QuarkusMainIntegrationTest
class HeartRateCommandIT extends HeartRateCommandTest {}
