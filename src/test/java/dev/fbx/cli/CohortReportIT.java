package dev.fbx.cli;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/** The scenarios of {@link CohortReportTest} against the packaged jar, or the native binary under -Pnative. */
@QuarkusMainIntegrationTest
class CohortReportIT extends CohortReportTest {}
