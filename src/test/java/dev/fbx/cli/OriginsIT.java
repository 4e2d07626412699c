package dev.fbx.cli;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

@QuarkusMainIntegrationTest
class OriginsIT extends OriginsTest {}
