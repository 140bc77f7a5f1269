package io.lingxi.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * JWTs for tests: an RSA key pair made once per JVM, its public key written to a PEM file the services
 * verify with, and tokens signed with its private key.
 */
public final class TestJwt {

    /** The issuer every Lingxi service expects unless configured otherwise. */
    public static final String ISSUER = "https://lingxi.io/auth";

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;
    private static Path privateKeyFile;

    private TestJwt() {
    }

    /** A token of {@code tenant} with the given roles ({@code admin}, {@code agent}, {@code analyst}, …). */
    public static String token(String tenant, String... roles) {
        return Jwt.issuer(ISSUER)
                .upn("test-user@" + tenant)
                .subject("test-user")
                .groups(Set.of(roles))
                .claim("tenant", tenant)
                .expiresIn(3600)
                .sign(KEYS.getPrivate());
    }

    /** The PEM file of the public key, written on first use. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            publicKeyFile = pemFile("PUBLIC KEY", KEYS.getPublic().getEncoded());
        }
        return publicKeyFile;
    }

    /** The PEM file (PKCS#8) of the private key, for a service under test that issues tokens itself. */
    public static synchronized Path privateKeyFile() {
        if (privateKeyFile == null) {
            privateKeyFile = pemFile("PRIVATE KEY", KEYS.getPrivate().getEncoded());
        }
        return privateKeyFile;
    }

    private static Path pemFile(String label, byte[] der) {
        try {
            Path file = Files.createTempFile("lingxi-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN " + label + "-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END " + label + "-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
