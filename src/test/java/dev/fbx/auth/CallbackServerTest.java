package dev.fbx.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fbx.FbxException;
import io.restassured.RestAssured;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The redirect listener on its own, with RestAssured playing the browser. */
class CallbackServerTest {
    static final String STATE = "the-state-of-this-login";
    CallbackServer server;

    @BeforeEach
    void start() {
        server = CallbackServer.start(0, STATE);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        RestAssured.reset();
    }

    @Test
    void theRightStateAndACodeFinishTheWait() {
        given().queryParam("code", "THE-CODE")
                .queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("close this tab"))
                .body(not(containsString("THE-CODE")));

        assertEquals("THE-CODE", server.awaitCode(Duration.ofSeconds(5)));
    }

    @Test
    void aWrongStateIsRejectedAndTheWaitGoesOnForTheRightOne() {
        given().queryParam("code", "FORGED")
                .queryParam("state", "guessed")
                .when()
                .get("/")
                .then()
                .statusCode(400)
                .body(containsString("does not match"));
        given().queryParam("code", "FORGED").when().get("/").then().statusCode(400);
        given().queryParam("error", "access_denied")
                .queryParam("state", "guessed")
                .when()
                .get("/")
                .then()
                .statusCode(400);

        given().queryParam("code", "THE-CODE")
                .queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(200);
        assertEquals("THE-CODE", server.awaitCode(Duration.ofSeconds(5)));
    }

    @Test
    void aDeniedAccessEndsTheLoginWithExit77() {
        given().queryParam("error", "access_denied")
                .queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(400)
                .body(containsString("not granted"));

        FbxException failure = assertThrows(FbxException.class, () -> server.awaitCode(Duration.ofSeconds(5)));
        assertEquals(77, failure.exitCode());
        assertTrue(failure.getMessage().contains("access_denied"), failure.getMessage());
    }

    @Test
    void anAnswerWithoutACodeEndsTheLogin() {
        given().queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(400)
                .body(containsString("no authorization code"));

        assertEquals(
                77,
                assertThrows(FbxException.class, () -> server.awaitCode(Duration.ofSeconds(5)))
                        .exitCode());
    }

    @Test
    void aCallbackCountsOnlyOnce() {
        given().queryParam("code", "THE-CODE")
                .queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(200);
        given().queryParam("code", "THE-CODE")
                .queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(409);
        given().queryParam("code", "OTHER")
                .queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(409);

        assertEquals("THE-CODE", server.awaitCode(Duration.ofSeconds(5)));
    }

    @Test
    void otherPathsAndMethodsAreNotCallbacks() {
        given().when().get("/favicon.ico").then().statusCode(404);
        given().queryParam("code", "C")
                .queryParam("state", STATE)
                .when()
                .post("/")
                .then()
                .statusCode(405);

        given().queryParam("code", "THE-CODE")
                .queryParam("state", STATE)
                .when()
                .get("/")
                .then()
                .statusCode(200);
        assertEquals("THE-CODE", server.awaitCode(Duration.ofSeconds(5)));
    }

    @Test
    void noCallbackInTimeIsAClearFailure() {
        FbxException failure = assertThrows(FbxException.class, () -> server.awaitCode(Duration.ofMillis(50)));
        assertEquals(77, failure.exitCode());
        assertTrue(failure.getMessage().contains("--timeout"), failure.getMessage());
    }

    @Test
    void itListensOnTheLoopbackInterfaceOnly() throws Exception {
        InetAddress external = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                })
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address)
                .findFirst()
                .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "this machine has no non-loopback IPv4 address");
        try (Socket socket = new Socket()) {
            assertThrows(
                    java.io.IOException.class,
                    () -> socket.connect(new InetSocketAddress(external, server.port()), 2000));
        }
    }

    @Test
    void aPortInUseIsAConfigurationErrorThatSaysWhatToDo() {
        FbxException failure = assertThrows(FbxException.class, () -> CallbackServer.start(server.port(), STATE));
        assertEquals(78, failure.exitCode());
        assertTrue(failure.getMessage().contains("--port"), failure.getMessage());
    }
}
