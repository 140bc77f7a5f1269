package io.lingxi.local;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Development-only credentials of the local suite, kept under the state folder: an RSA key pair whose public half
 * the services verify JWTs with, tokens of the demo tenant for each role, and the demo web channel's API key.
 * The key pair and the channel key are made once and reused; tokens are issued afresh on every call.
 */
public final class DevCredentials {

    public static final String ISSUER = "https://lingxi.io/auth";
    public static final String TENANT = "demo";
    public static final List<String> ROLES = List.of("admin", "agent", "analyst");

    private static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;

    /** @param home the suite's state folder ({@code .lingxi}) */
    public DevCredentials(Path home) {
        this.home = home;
    }

    public Path publicKeyFile() {
        return home.resolve("keys/jwt-public.pem");
    }

    public Path privateKeyFile() {
        return home.resolve("keys/jwt-private.pem");
    }

    public Path tokenFile(String role) {
        return home.resolve("keys/" + role + ".jwt");
    }

    public Path demoChannelKeyFile() {
        return home.resolve("demo-channel.key");
    }

    /** The key pair, made and written on first use. */
    public KeyPair keyPair() throws IOException, GeneralSecurityException {
        if (Files.isRegularFile(publicKeyFile()) && Files.isRegularFile(privateKeyFile())) {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(readPem(publicKeyFile(), PUBLIC_PEM)));
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateKeyFile(), PRIVATE_PEM)));
            return new KeyPair(publicKey, privateKey);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        writeSecret(privateKeyFile(), pem(PRIVATE_PEM, keys.getPrivate().getEncoded()));
        writeAtomically(publicKeyFile(), pem(PUBLIC_PEM, keys.getPublic().getEncoded()));
        return keys;
    }

    /** The demo channel's API key, made and written on first use. */
    public String demoChannelKey() throws IOException {
        Path file = demoChannelKeyFile();
        if (Files.isRegularFile(file)) {
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!key.isEmpty()) {
                return key;
            }
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = "lx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        writeSecret(file, key + "\n");
        return key;
    }

    /** Signs a token of the demo tenant for each role and writes it to {@link #tokenFile(String)}; role → token. */
    public Map<String, String> issueTokens(Duration validity) throws IOException, GeneralSecurityException {
        PrivateKey signingKey = keyPair().getPrivate();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            String token = Jwt.issuer(ISSUER)
                    .subject("dev-" + role)
                    .upn(role + "@" + TENANT)
                    .groups(Set.of(role))
                    .claim("tenant", TENANT)
                    .expiresIn(validity.toSeconds())
                    .sign(signingKey);
            writeSecret(tokenFile(role), token + "\n");
            tokens.put(role, token);
        }
        return tokens;
    }

    /** {@code --home=<state folder> [--valid-hours=168]}: makes what is missing and issues fresh tokens. */
    public static void main(String[] args) {
        Tool.run("dev-credentials", args, arguments -> {
            DevCredentials credentials = new DevCredentials(Path.of(arguments.get("home")));
            boolean newKeys = !Files.isRegularFile(credentials.privateKeyFile());
            boolean newChannelKey = !Files.isRegularFile(credentials.demoChannelKeyFile());
            credentials.demoChannelKey();
            credentials.issueTokens(Duration.ofHours(Long.parseLong(arguments.get("valid-hours", "168"))));
            if (newKeys) {
                System.out.println("Created the development JWT key pair in " + credentials.publicKeyFile().getParent());
            }
            if (newChannelKey) {
                System.out.println("Created the demo channel key in " + credentials.demoChannelKeyFile());
            }
        });
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new ToolFailure(file + " is not a PEM file of type " + type + ": delete it and run up again.");
        }
        String body = text.substring(begin + ("-----BEGIN " + type + "-----").length(), end);
        return Base64.getMimeDecoder().decode(body);
    }

    /** Writes a file only its owner may read. */
    private static void writeSecret(Path file, String content) throws IOException {
        createPrivateDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        createPrivateDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
