package dev.fbx.cli;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/** The scenarios of {@link RetiredFitbitTest} against the packaged jar, or the native binary under -Pnative. */
@QuarkusMainIntegrationTest
class RetiredFitbitIT extends RetiredFitbitTest {}
