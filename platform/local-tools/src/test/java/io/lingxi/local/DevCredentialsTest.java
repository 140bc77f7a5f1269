package io.lingxi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCredentialsTest {

    @TempDir
    Path home;

    @Test
    void tokensCarryTheDemoTenantAndTheRoleAndVerifyWithThePublicKeyFileTheServicesRead() throws Exception {
        DevCredentials credentials = new DevCredentials(home);

        Map<String, String> tokens = credentials.issueTokens(Duration.ofHours(2));

        assertThat(tokens).containsOnlyKeys("admin", "agent", "analyst");
        PublicKey publicKey = readPublicKey(home.resolve("keys/jwt-public.pem"));
        for (var entry : tokens.entrySet()) {
            String token = entry.getValue();
            assertThat(verifies(token, publicKey)).as("signature of the %s token", entry.getKey()).isTrue();
            Map<String, Object> claims = claims(token);
            assertThat(claims).containsEntry("iss", "https://lingxi.io/auth")
                    .containsEntry("tenant", "demo")
                    .containsEntry("upn", entry.getKey() + "@demo");
            assertThat(claims.get("groups")).isEqualTo(List.of(entry.getKey()));
            long expires = ((Number) claims.get("exp")).longValue();
            assertThat(expires).isBetween(Instant.now().plusSeconds(7100).getEpochSecond(),
                    Instant.now().plusSeconds(7300).getEpochSecond());
            assertThat(Files.readString(home.resolve("keys/" + entry.getKey() + ".jwt")).strip()).isEqualTo(token);
        }
    }

    @Test
    void theKeyPairAndTheDemoChannelKeyAreMadeOnceAndKeptPrivate() throws Exception {
        DevCredentials first = new DevCredentials(home);
        String channelKey = first.demoChannelKey();
        first.issueTokens(Duration.ofHours(1));
        String publicPem = Files.readString(first.publicKeyFile());

        DevCredentials again = new DevCredentials(home);
        assertThat(again.demoChannelKey()).isEqualTo(channelKey);
        String token = again.issueTokens(Duration.ofHours(1)).get("agent");

        assertThat(Files.readString(again.publicKeyFile())).isEqualTo(publicPem);
        assertThat(verifies(token, readPublicKey(again.publicKeyFile()))).isTrue();
        assertThat(channelKey).startsWith("lx_").hasSize(46);
        assertThat(Files.readString(home.resolve("demo-channel.key")).strip()).isEqualTo(channelKey);
        assertThat(new DevCredentials(home.resolve("other")).demoChannelKey()).isNotEqualTo(channelKey);
        for (Path secret : new Path[] {home.resolve("demo-channel.key"), first.privateKeyFile(),
                first.tokenFile("admin")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        }
    }

    private static PublicKey readPublicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    }

    private static boolean verifies(String token, PublicKey key) throws Exception {
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static Map<String, Object> claims(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonUtil.parseJson(payload);
    }
}
