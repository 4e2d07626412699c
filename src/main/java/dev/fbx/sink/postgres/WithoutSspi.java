package dev.fbx.sink.postgres;

import com.oracle.svm.core.annotate.Delete;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import org.postgresql.core.PGStream;
import org.postgresql.sspi.ISSPIClient;

/**
 * The native image without the PostgreSQL driver's Windows single sign-on (SSPI), which needs JNA:
 * the image links every class at build time and JNA is not there. What the Quarkus extension for
 * the driver does too; fbx uses the plain driver, which brings no Agroal or JTA to a command that
 * opens one connection.
 */
@TargetClass(className = "org.postgresql.core.v3.ConnectionFactoryImpl")
final class WithoutSspi {
    @Substitute
    private static ISSPIClient createSSPI(PGStream stream, String spnServiceClass, boolean enableNegotiate) {
        throw new IllegalStateException(
                "Windows single sign-on (SSPI) is not available in fbx's native binary: use a password.");
    }
}

@TargetClass(className = "org.postgresql.sspi.NTDSAPIWrapper")
@Delete
final class WithoutNtdsApi {}
